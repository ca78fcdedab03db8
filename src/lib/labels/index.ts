// Words for stored codes and formats, one file per area; this re-exports the ones every page uses.
export * from './format';
export * from './org';
export { commitmentStateLabel } from './commitments';
