import type { DataId, DataType, TensorInfo, backend_util } from '@tensorflow/tfjs-core';

/** The part of tfjs-backend-wasm's `BackendWasm` our kernels use (its class is not needed at type level). */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): backend_util.TypedArray;
  disposeData(dataId: DataId, force?: boolean): boolean;
}
