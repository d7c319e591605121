import type { Experiment } from '../experiment';
import { cifarTf } from './cifar-tf';
import { cnnFeaturesSvm } from './cnn-features-svm';
import { fashionConvnet } from './fashion-convnet';
import { pytorchCifar } from './pytorch-cifar';
import { rnnlm } from './rnnlm';
import { siamese } from './siamese';
import { transfer } from './transfer';
import { tsneFeatures } from './tsne-features';

/** Every experiment of the reproduction, in the order the plan lists and the sweep runs them. */
export const CATALOGUE: readonly Experiment[] = [
  cifarTf,
  pytorchCifar,
  cnnFeaturesSvm,
  siamese,
  transfer,
  tsneFeatures,
  fashionConvnet,
  rnnlm,
];
