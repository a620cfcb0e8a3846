import type { TestProject } from "vitest/node";
import { startPgCluster, type PgCluster } from "../../scripts/pg-cluster.ts";

let cluster: PgCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  cluster = await startPgCluster();
  project.provide("pgUrl", cluster.url);
}

export function teardown(): void {
  cluster?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
  }
}
