/**
 * Post-order of a computation graph: every node after all of its inputs, the root last.
 * Iterative (explicit stack of node + next-input index) because graphs can be chains far deeper
 * than the JS call stack; shared by the scalar Value and the Tensor engines.
 */
export function postOrder<T>(root: T, inputsOf: (node: T) => readonly T[]): T[] {
  const order: T[] = [];
  const visited = new Set<T>([root]);
  const stack: T[] = [root];
  const nextInput: number[] = [0];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const node = stack[top];
    const inputs = inputsOf(node);
    const k = nextInput[top];
    if (k < inputs.length) {
      nextInput[top] = k + 1;
      const input = inputs[k];
      if (!visited.has(input)) {
        visited.add(input);
        stack.push(input);
        nextInput.push(0);
      }
    } else {
      order.push(node);
      stack.pop();
      nextInput.pop();
    }
  }
  return order;
}
