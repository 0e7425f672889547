// The value of `lineage { graph }`: the subgraph around a node, ready to draw. The same
// shape as docs/lineage-graph.schema.json (its JSON Schema) and as the typed `nodes` and
// `edges` fields; enum values are spelled as the schema spells them (VIDEO, START).
import type {
  AssetStatus,
  AssetType,
  FrameRole,
  LineageEdgeType,
  LineageNodeKind,
  PromptKind,
  WorkflowStatus,
} from "./generated/graphql.js";

/** A node's stored properties but the internal ones; which ones depends on its kind. */
export type LineageNodeProperties = { readonly [name: string]: unknown } & (
  | { readonly type?: AssetType; readonly status?: AssetStatus }
  | { readonly kind?: PromptKind }
  | { readonly status?: WorkflowStatus }
);

export interface LineageGraphNode {
  readonly id: string;
  readonly kind: LineageNodeKind;
  readonly labels: readonly string[];
  /** Steps from the root (0 for the root). */
  readonly distance: number;
  readonly properties: LineageNodeProperties;
}

export interface LineageGraphEdge {
  readonly fromId: string;
  readonly toId: string;
  readonly type: LineageEdgeType;
  /** A USES_FRAME edge has `role` (START or END) and `position`. */
  readonly properties: { readonly [name: string]: unknown; readonly role?: FrameRole };
}

export interface LineageGraph {
  readonly rootId: string;
  /** True when the depth limit cut off more nodes. */
  readonly truncated: boolean;
  /** Ordered by distance, then id. */
  readonly nodes: readonly LineageGraphNode[];
  /** Ordered by fromId, toId, type, then role. */
  readonly edges: readonly LineageGraphEdge[];
}
