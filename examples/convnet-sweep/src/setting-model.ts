import type { ImageDataset } from '@dlkit/datasets';
import { mnistConvNet } from '@dlkit/models';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Setting } from './settings';

/** The sweep's ConvNet for one setting, shaped for `data`'s images and classes (sweep runs, the full run, the estimate). */
export function settingModel(setting: Setting, data: ImageDataset<Float32Array>, seed: number): LayersModel {
  return mnistConvNet({
    nstates: setting.nstates,
    pooling: setting.pooling,
    activation: setting.activation,
    dropout: setting.dropout,
    numClasses: data.classNames.length,
    inputShape: [data.shape[1], data.shape[2], data.shape[3]],
    seed,
  });
}
