import { ELEMENTWISE_RULES } from './elementwise';
import { LOSS_RULES } from './losses';
import { MATMUL_RULES } from './matmul';
import { REDUCE_RULES } from './reduce';
import type { GradRule } from './tensor';

export { Tensor, allocate, assertSameShape, gradRule } from './tensor';
export type { DType, GradRule, Storage } from './tensor';
export { gemmNN, gemmNT, gemmTN, matmul, matmulNT, matmulTN } from './matmul';
export {
  add,
  sub,
  mul,
  scale,
  applyMask,
  activation,
  relu,
  leakyRelu,
  tanh,
  sigmoid,
  gelu,
  linear,
  softmax,
} from './elementwise';
export { sum, mean, sumSquares, sumAbs } from './reduce';
export { mseLoss, sseLoss, crossEntropyLoss, bceWithLogitsLoss, lossByName } from './losses';

/** Every op's gradient rule, by op name (tinygrad-style: the whole backward pass in one table). */
export const GRAD_RULES: Readonly<Record<string, GradRule<never>>> = {
  ...MATMUL_RULES,
  ...ELEMENTWISE_RULES,
  ...REDUCE_RULES,
  ...LOSS_RULES,
};
