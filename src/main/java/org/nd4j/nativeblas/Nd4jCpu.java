package org.nd4j.nativeblas;

/**
 * Lets Deeplearning4j 1.0.0-M2.1 find out that ND4J has OneDNN. Its {@code BaseMKLDNNHelper} looks for the native
 * environment under this old class name, which ND4J moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings}; the
 * lookup fails, and every convolution, pooling and batch-norm layer falls back to DL4J's im2col code (20x slower
 * for the convolutional autoencoder's last layer, measured by the speed benchmark). This class answers for the real one.
 * Deeplearning4j also needs {@code -Dorg.eclipse.deeplearning4j.helpers.disable=false} (its default is true).
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The one method DL4J calls, reflectively: {@code Environment.getInstance().isUseMKLDNN()}. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** True where the native build has OneDNN and uses it (its flag alone is true on builds without it). */
        public boolean isUseMKLDNN() {
            return NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN")
                    && org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
