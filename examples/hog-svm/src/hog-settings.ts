import type { HogOptions } from '@dlkit/svm-bridge';

/**
 * The HOG of the HOG+SVM report, shared by the example and its scikit-learn comparison so both see the same
 * features: 9 orientation bins over 5×5-pixel cells, 2×2-cell blocks normalised with L2-Hys — on a 28×28 image
 * 5×5 cells, 4×4 blocks of 4 cells, 4·4·4·9 = 576 features.
 */
export const HOG: HogOptions = { orientations: 9, pixelsPerCell: [5, 5], cellsPerBlock: [2, 2], blockNorm: 'L2-Hys' };
