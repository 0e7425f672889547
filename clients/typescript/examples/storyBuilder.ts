// What Story Builder does with the client (the README's example): record a generation,
// search the catalog, draw a lineage, list orphans and dry-run a regeneration.
import {
  ImpactDocument,
  LineageApiError,
  LineageDocument,
  OrphansDocument,
  RecordGenerationDocument,
  SearchAssetsDocument,
  lineageClient,
  type LineageGraph,
} from "../src/index.js";

const api = lineageClient({ url: "http://127.0.0.1:8000/graphql", apiKey: "lin_..." });

export async function storyBuilder(): Promise<void> {
  const { recordGeneration } = await api.execute(RecordGenerationDocument, {
    input: {
      type: "IMAGE",
      provider: "fal",
      model: "Flux Pro v1.1",
      projectCode: "VSS-001",
      slot: "shot-001",
      estimatedCost: 0.19,
      createdAt: new Date().toISOString(),
    },
  });
  const cost: string | undefined = recordGeneration.asset.estimatedCostMoney?.amount; // "0.19"

  const { assets } = await api.execute(SearchAssetsDocument, {
    filter: { projectCode: "VSS-001", type: "VIDEO", search: "red fox" },
    first: 20,
  });
  const urls = assets.edges.map((edge) => edge.node.signedUrl);

  const { lineage } = await api.execute(LineageDocument, {
    id: recordGeneration.asset.id,
    direction: "BOTH",
    depth: 3,
  });
  const graph = lineage.graph as LineageGraph;
  const frames = graph.edges.filter((edge) => edge.type === "USES_FRAME" && edge.properties.role === "START");

  const { orphans } = await api.execute(OrphansDocument, { projectCode: "VSS-001", first: 50 });
  const redo: string = orphans.estimatedCostMoney.amount; // exact, e.g. "0.57"

  try {
    const { impact } = await api.execute(ImpactDocument, { assetId: "shot-001", action: "REGENERATE" });
    console.log(impact.orphaned.length, impact.estimatedCostMoney.amount);
  } catch (error) {
    if (error instanceof LineageApiError && error.code === "NOT_FOUND") return;
    throw error;
  }
  console.log(cost, urls, frames, redo);
}
