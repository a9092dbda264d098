// The request/response shapes the stand-in's handlers share; server.ts does the node:http part.
import type { IncomingHttpHeaders } from 'node:http';

export interface ApiRequest {
  method: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface ApiResponse {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export const json = (
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): ApiResponse => (headers ? { status, json: body, headers } : { status, json: body });

export function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}
