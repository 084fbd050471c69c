package unsupervised.models;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import unsupervised.metrics.PixelGaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GanTest {

    private static INDArray discriminatorCopy(Gan gan) {
        long all = gan.combined().numParams();
        return gan.combined().params().get(NDArrayIndex.interval(all - gan.discriminator().numParams(), all)).dup();
    }

    @Test
    void theGeneratorStepMovesOnlyTheGeneratorAndUsesDsLatestWeights() {
        Gan gan = Gan.dense(8, new int[] {16}, 12, new int[] {10}, 5);
        var random = Nd4j.getRandomFactory().getNewRandomInstance(7);
        INDArray real = Nd4j.rand(random, 32, 12).castTo(DataType.FLOAT);
        INDArray dBefore = gan.discriminator().params().dup();
        INDArray gBefore = gan.combined().params().dup();
        gan.step(real, random);
        INDArray dAfter = gan.discriminator().params();
        assertTrue(dAfter.sub(dBefore).norm2Number().doubleValue() > 0, "D's own step changed D");
        // the combined network's frozen copy equals D after D's step: G trained against the current D, and the
        // generator step did not change it
        assertEquals(0, discriminatorCopy(gan).sub(dAfter).norm2Number().doubleValue(), 0);
        long g = gan.combined().numParams() - gan.discriminator().numParams();
        INDArray gMoved = gan.combined().params().get(NDArrayIndex.interval(0, g))
                .sub(gBefore.get(NDArrayIndex.interval(0, g)));
        assertTrue(gMoved.norm2Number().doubleValue() > 0, "FrozenLayerWithBackprop let the error reach G");
    }

    /**
     * The reason for FrozenLayerWithBackprop: behind DL4J's plain FrozenLayer the layers below learn nothing (and
     * a plain FrozenLayer cannot even wrap an output layer, as D's last layer is).
     */
    @Test
    void onlyFrozenLayerWithBackpropLetsTheLayersBelowLearn() {
        for (boolean withBackprop : new boolean[] {true, false}) {
            var middle = new DenseLayer.Builder().nIn(3).nOut(3).activation(Activation.TANH).build();
            var net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.5)).list()
                    .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build())
                    .layer(withBackprop ? new FrozenLayerWithBackprop(middle) : new FrozenLayer(middle))
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(3).nOut(1)
                            .activation(Activation.SIGMOID).build())
                    .build());
            net.init();
            INDArray below = net.getLayer(0).params().dup();
            INDArray frozen = net.getLayer(1).params().dup();
            net.fit(new DataSet(Nd4j.rand(8, 4), Nd4j.ones(8, 1)));
            assertEquals(0, net.getLayer(1).params().sub(frozen).norm2Number().doubleValue(), 0, "frozen stays");
            double moved = net.getLayer(0).params().sub(below).norm2Number().doubleValue();
            assertEquals(withBackprop, moved > 0, (withBackprop ? "with" : "without") + " backprop: moved " + moved);
        }
    }

    @Test
    void generatesImagesInThePixelRangeAndDiscriminatesWithProbabilities() {
        Gan gan = Gan.dense(8, new int[] {16}, 12, new int[] {10}, 5);
        var random = Nd4j.getRandomFactory().getNewRandomInstance(1);
        INDArray images = gan.generate(gan.noise(20, random));
        assertEquals(20, images.rows());
        assertEquals(12, images.columns());
        assertTrue(images.minNumber().doubleValue() >= 0 && images.maxNumber().doubleValue() <= 1);
        INDArray p = gan.discriminate(images);
        assertEquals(20, p.rows());
        assertTrue(p.minNumber().doubleValue() > 0 && p.maxNumber().doubleValue() < 1);
    }

    @Test
    void pixelGaussianSamplesHaveTheFittedMeanAndCovariance() {
        var random = Nd4j.getRandomFactory().getNewRandomInstance(3);
        INDArray mix = Nd4j.create(new double[][] {{0.1, 0.02, 0}, {0, 0.05, 0.03}, {0, 0, 0.08}});
        INDArray data = Nd4j.randn(random, 4000, 3).castTo(DataType.DOUBLE).mmul(mix).addiRowVector(
                Nd4j.create(new double[] {0.5, 0.4, 0.6}));
        INDArray samples = PixelGaussian.fit(data).sample(20000, random).castTo(DataType.DOUBLE);
        assertEquals(0, samples.mean(0).sub(data.mean(0)).norm2Number().doubleValue(), 0.01);
        var covData = unsupervised.metrics.Frechet.covariance(data, data.mean(0));
        var covSamples = unsupervised.metrics.Frechet.covariance(samples, samples.mean(0));
        assertEquals(0, covSamples.sub(covData).norm2Number().doubleValue(), 0.001);
    }
}
