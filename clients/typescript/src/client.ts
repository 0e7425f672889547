// A tiny typed fetch wrapper: one POST /graphql per call, the result typed by the
// operation's generated document (src/generated/graphql.ts).
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";

export interface LineageClientOptions {
  /** The API's GraphQL endpoint, e.g. http://127.0.0.1:8000/graphql. */
  readonly url: string;
  /** An API key, sent as `Authorization: Bearer <key>`. */
  readonly apiKey?: string;
  /** Another fetch (tests, proxies); the global one by default. */
  readonly fetch?: typeof fetch;
}

/** One error of a response, with the code the README lists (NOT_FOUND, INVALID_INPUT...). */
export interface LineageErrorItem {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions: { readonly code: string; readonly [name: string]: unknown };
}

/** A response that carried errors (or no data), and the HTTP status it came with. */
export class LineageApiError extends Error {
  readonly code: string;

  constructor(
    readonly errors: readonly LineageErrorItem[],
    readonly status: number,
  ) {
    super(errors.map((e) => `${e.extensions.code}: ${e.message}`).join("; "));
    this.name = "LineageApiError";
    this.code = errors[0]?.extensions.code ?? "INTERNAL";
  }
}

interface GraphQLResponse<TData> {
  readonly data?: TData | null;
  readonly errors?: readonly LineageErrorItem[];
}

export interface LineageClient {
  execute<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<TData>;
}

export function lineageClient(options: LineageClientOptions): LineageClient {
  const send = options.fetch ?? fetch;
  async function execute<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<TData> {
    const response = await send(options.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await response.json()) as GraphQLResponse<TData>;
    if (body.errors?.length || body.data == null) {
      const fallback = { message: `HTTP ${response.status}`, extensions: { code: "INTERNAL" } };
      throw new LineageApiError(body.errors?.length ? body.errors : [fallback], response.status);
    }
    return body.data;
  }
  return { execute };
}
