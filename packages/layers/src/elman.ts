import { layers, type SimpleRNNCellLayerArgs, type SimpleRNNLayerArgs } from '@tensorflow/tfjs-layers';
import type { RNN } from '@tensorflow/tfjs-layers';
import { LayerArgumentError } from './errors';
import { positiveInt } from './validate';

/** Arguments of {@link elman}: tfjs-layers' SimpleRNN arguments with the activation fixed to sigmoid. */
export type ElmanArgs = Omit<SimpleRNNLayerArgs, 'activation'>;

/** Arguments of {@link elmanCell}. */
export type ElmanCellArgs = Omit<SimpleRNNCellLayerArgs, 'activation'>;

/**
 * An Elman recurrent layer (Elman 1990, "Finding structure in time"; Mikolov et al. 2010, RNNLM):
 * `h_t = σ(x_t W + h_{t−1} U + b)`, the hidden state squashed by a logistic sigmoid. It is tfjs-layers'
 * `SimpleRNN` with `activation: 'sigmoid'` (so it saves and loads as a `SimpleRNN`).
 * With `stateful: true` (and a fixed `batchInputShape`) the last hidden state of one batch is the initial state
 * of the next, as truncated back-propagation through time over a long text needs; call `resetStates()` between
 * independent streams.
 *
 * @example
 * ```ts
 * import * as tfl from '@tensorflow/tfjs-layers';
 * import { elman } from '@dlkit/layers';
 * const model = tfl.sequential();
 * model.add(elman({ units: 30, returnSequences: true, stateful: true, batchInputShape: [1, 10, 100] }));
 * ```
 */
export function elman(args: ElmanArgs): RNN {
  positiveInt('Elman', 'units', args.units);
  if (args.stateful === true && args.batchInputShape === undefined && args.batchSize === undefined) {
    throw new LayerArgumentError(
      'Elman',
      'batchInputShape',
      undefined,
      '[batch, timeSteps, features] (or batchSize) when stateful is true',
      'a stateful layer keeps one hidden state per batch row, so the batch size must be fixed',
    );
  }
  return layers.simpleRNN({ ...args, activation: 'sigmoid' });
}

/**
 * One Elman step, `h_t = σ(x_t W + h_{t−1} U + b)`, for `tf.layers.rnn({ cell })` or stacking. tfjs-layers'
 * `SimpleRNNCell` with a sigmoid activation.
 *
 * @example
 * ```ts
 * import * as tfl from '@tensorflow/tfjs-layers';
 * import { elmanCell } from '@dlkit/layers';
 * const rnn = tfl.layers.rnn({ cell: elmanCell({ units: 16 }), returnSequences: true });
 * ```
 */
export function elmanCell(args: ElmanCellArgs): layers.RNNCell {
  positiveInt('ElmanCell', 'units', args.units);
  return layers.simpleRNNCell({ ...args, activation: 'sigmoid' });
}
