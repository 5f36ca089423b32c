// The network reads a GRID × GRID image (28×28): the size of the `preview` every prediction
// carries, upright, row-major.
export const GRID = 28;
