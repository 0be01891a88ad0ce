/** Looking inside a network: neuron maps, per-neuron statistics and per-layer training diagnostics. */
export * from './activation-grid';
export * from './neuron-stats';
export * from './diagnostics';
