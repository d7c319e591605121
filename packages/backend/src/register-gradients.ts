// tfjs-core's node build registers no gradients and no chained ops (`x.reshape(…)`): the union package
// @tensorflow/tfjs and tfjs-layers bundle them in, a bare tfjs-core does not, and its ESM files cannot be
// imported by Node directly (extensionless paths). The build bundles them here; they register into tfjs's
// global registries, shared by every copy of tfjs-core in the process. Loaded by initBackend only.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
