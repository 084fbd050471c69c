package unsupervised.bench;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.models.Autoencoders;

/**
 * Prints how fast this ND4J build trains the MNIST autoencoder of Part II (784-512-256-128-64-128-256-512-784,
 * batch 2048). Run once per native classifier on the class path to choose one:
 * <pre>java -cp target/test-classes:target/unsupervised-java.jar:target/lib/* unsupervised.bench.BackendBenchmark</pre>
 */
public final class BackendBenchmark {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        var x = Nd4j.rand(DataType.FLOAT, 2048, 784);
        MultiLayerNetwork net = Autoencoders.dense(784, new int[]{512, 256, 128, 64, 128, 256, 512},
                Activation.RELU, Activation.SIGMOID, 1);
        for (int i = 0; i < 3; i++) {
            net.fit(x, x);
        }
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            net.fit(x, x);
        }
        double perStep = (System.nanoTime() - start) / 1e9 / steps;
        System.out.printf("%s: %.3f s per step of 2048 images, so %.1f s per MNIST epoch (60000 images)%n",
                System.getProperty("bench.label", "backend"), perStep, perStep * 60000 / 2048);
    }
}
