// The one papaparse function the bench calls (the app's node_modules has no @types/papaparse).
declare module "papaparse" {
  const Papa: { unparse(input: { fields: string[]; data: unknown[][] }, config?: Record<string, unknown>): string };
  export default Papa;
}
