package unsupervised.models;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class ActivityL1Test {
    private static final int BATCH = 7;

    /** 5 -> 6 (ReLU) -> penalty -> 3 (sigmoid) -> penalty -> 5 (linear, MSE), in double precision. */
    public static MultiLayerNetwork net(double l1) {
        var conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(WeightInit.XAVIER_UNIFORM).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(6).activation(Activation.RELU).build())
                .layer(new ActivityL1(l1))
                .layer(new DenseLayer.Builder().nIn(6).nOut(3).activation(Activation.SIGMOID).build())
                .layer(new ActivityL1(l1))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(5)
                        .activation(Activation.IDENTITY).build())
                .build();
        var net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet data() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, 5).subi(0.3);
        return new DataSet(x, x);
    }

    @Test
    void theLossGainsTheWeightTimesTheMeanSummedAbsoluteActivity() {
        double l1 = 0.05;
        DataSet data = data();
        var plain = net(0);
        var penalised = net(l1);
        penalised.setParams(plain.params().dup());

        // By hand: the two penalised activations, |a| summed over units and examples, divided by the batch.
        INDArray hidden = Transforms.relu(data.getFeatures().mmul(plain.getParam("0_W")).addRowVector(
                plain.getParam("0_b")));
        INDArray code = Transforms.sigmoid(hidden.mmul(plain.getParam("2_W")).addRowVector(plain.getParam("2_b")));
        double expected = l1 * (Transforms.abs(hidden).sumNumber().doubleValue()
                + Transforms.abs(code).sumNumber().doubleValue()) / BATCH;

        assertEquals(expected, penalised.score(data) - plain.score(data), 1e-12);
        assertTrue(expected > 1e-3, "the test must measure a penalty that is not negligible: " + expected);
        assertEquals(0, penalised.output(data.getFeatures()).distance2(plain.output(data.getFeatures())), 1e-12,
                "the penalty layers pass their input on unchanged");
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        // A weight large enough that a wrong or missing penalty gradient fails the check.
        var net = net(0.05);
        DataSet data = data();
        // DL4J's check insists on double as the global default type; the other tests expect float.
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        boolean ok;
        try {
            ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                    .input(data.getFeatures()).labels(data.getLabels()).epsilon(1e-6).maxRelError(1e-5)
                    .minAbsoluteError(1e-9).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
        assertTrue(ok, "analytic and numerical gradients differ; see the log above");
    }

    @Test
    void rejectsNegativeWeightsAndSurvivesJson() {
        assertThrows(IllegalArgumentException.class, () -> new ActivityL1(-1e-9));
        var net = net(1e-9);
        var copy = org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(
                net.getLayerWiseConfigurations().toJson());
        assertEquals(1e-9, ((ActivityL1) copy.getConf(1).getLayer()).getL1());
    }
}
