package unsupervised.metrics;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import unsupervised.models.VariationalAutoencoders;

import java.util.Locale;

/**
 * A variational autoencoder's negative ELBO in nats per image, split into its two terms: the expected
 * reconstruction cost E_q[-log p(x|z)] (binary cross-entropy summed over the pixels, estimated with one sample of z
 * per image) and KL(q(z|x) || N(0, I)) (exact). The sample comes from a generator seeded by the caller, so the same
 * network scores the same on every call: early stopping compares epochs on equal terms.
 * The cross-entropy is computed from the logits (log(1 + e^a) - x a), which stays finite where a sigmoid in float
 * rounds to exactly 0 or 1.
 */
public record Elbo(double reconstruction, double kl, int images) {

    public double negativeElbo() {
        return reconstruction + kl;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "-ELBO %.2f nats/image = reconstruction %.2f + KL %.2f (%d images)",
                negativeElbo(), reconstruction, kl, images);
    }

    public static Elbo of(MultiLayerNetwork vae, INDArray x, long seed) {
        var random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        double reconstruction = 0;
        double kl = 0;
        long n = x.rows();
        for (long from = 0; from < n; from += BATCH) {
            INDArray batch = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, Math.min(n, from + BATCH)),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).castTo(vae.params().dataType());
            var q = VariationalAutoencoders.posterior(vae, batch);
            INDArray epsilon = Nd4j.randn(q.mean().shape(), random).castTo(q.mean().dataType());
            INDArray z = Transforms.exp(q.logVariance().mul(0.5), false).muli(epsilon).addi(q.mean());
            reconstruction += crossEntropy(batch, VariationalAutoencoders.decoderLogits(vae, z));
            kl += klToStandardNormal(q.mean(), q.logVariance());
        }
        return new Elbo(reconstruction / n, kl / n, (int) n);
    }

    /** Sum over rows and pixels of -[x log sigmoid(a) + (1 - x) log(1 - sigmoid(a))] = log(1 + e^a) - x a. */
    static double crossEntropy(INDArray x, INDArray logits) {
        // log(1 + e^a) = max(a, 0) + log(1 + e^-|a|), finite for any a
        INDArray softplus = Transforms.relu(logits, true)
                .addi(Transforms.log1p(Transforms.exp(Transforms.abs(logits, true).negi(), false), false));
        return softplus.subi(x.mul(logits)).sumNumber().doubleValue();
    }

    /** Sum over rows of KL(N(mu, sigma^2) || N(0, I)) = -1/2 sum_j (1 + log sigma_j^2 - mu_j^2 - sigma_j^2). */
    static double klToStandardNormal(INDArray mean, INDArray logVariance) {
        INDArray terms = logVariance.add(1.0).subi(mean.mul(mean)).subi(Transforms.exp(logVariance, true));
        return -0.5 * terms.sumNumber().doubleValue();
    }

    private static final int BATCH = 2048;
}
