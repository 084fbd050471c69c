package org.nd4j.nativeblas;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Nd4jCpuTest {
    private static final String DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    @Test
    void deeplearning4jSeesOneDnnExactlyWhenTheNativeBuildHasIt() {
        Nd4j.getExecutioner(); // loads the backend, which NativeOpsHolder needs
        boolean built = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
        assertEquals(built, BaseMKLDNNHelper.mklDnnEnabled());
    }

    @Test
    void theOneDnnConvolutionComputesWhatTheBuiltInOneDoes() {
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(3), 4, 2 * 9 * 9).castTo(DataType.FLOAT);
        String before = System.getProperty(DISABLE);
        try {
            System.setProperty(DISABLE, "true");
            MultiLayerNetwork builtIn = net();
            System.setProperty(DISABLE, "false");
            MultiLayerNetwork helped = net();
            assertTrue(builtIn.output(x).equalsWithEps(helped.output(x), 1e-4));
            builtIn.fit(x, builtIn.output(x).mul(0.5));
            helped.fit(x, helped.output(x).mul(0.5));
            assertTrue(builtIn.params().equalsWithEps(helped.params(), 1e-4), "same gradients, same step");
        } finally {
            if (before == null) {
                System.clearProperty(DISABLE);
            } else {
                System.setProperty(DISABLE, before);
            }
        }
    }

    private static MultiLayerNetwork net() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.RELU)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(1).activation(Activation.IDENTITY)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .inputPreProcessor(2, new CnnToFeedForwardPreProcessor(9, 9, 1))
                .setInputType(InputType.convolutionalFlat(9, 9, 2))
                .build());
        net.init();
        return net;
    }
}
