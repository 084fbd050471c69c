package unsupervised.course;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.Solver;
import org.deeplearning4j.optimize.api.ConvexOptimizer;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.training.Checkpoint;
import unsupervised.training.History;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ModelStore} recipe's model in training, saved at an epoch's end at most every {@code every}: the network
 * with its updater's state (Adam's moments, the iteration count; for a layer trained by {@code pretrain}, the VAE,
 * its own updater too), the state of ND4J's random generator (the VAE draws its samples from it), the best epoch's
 * network, and a JSON file with the recipe, the history and the SHA-256 of both networks. So a resumed run ends with
 * the network an uninterrupted one ends with ({@code ModelStoreTest} checks it for a dense autoencoder and a VAE).
 * The JSON file is moved into place last: a run killed while saving leaves either the previous checkpoint or one
 * whose checksums fail (and the run starts at epoch 1). A checkpoint of another recipe or code version is not
 * resumed.
 */
final class StoredCheckpoint implements Checkpoint {
    private static final String LAYER_UPDATER = "pretrain-updater-of-layer-";
    private final ModelStore.Recipe recipe;
    private final MultiLayerNetwork net;
    private final Path model;
    private final Path best;
    private final Path about;
    /** Its three files, the recipe file last: it is written last and names the other two's checksums. */
    private final List<Path> files;
    private final Duration every;
    private long lastSave = System.nanoTime();

    StoredCheckpoint(ModelStore.Recipe recipe, MultiLayerNetwork net, Path model, Path best, Path about,
                     Duration every) {
        this.recipe = recipe;
        this.net = net;
        this.model = model;
        this.best = best;
        this.about = about;
        this.files = List.of(model, best, about);
        this.every = every;
    }

    @Override
    public State restore() {
        for (Path file : files) {
            ModelStore.deleteQuietly(ModelStore.part(file));  // left by a run killed while saving
        }
        if (!Files.isRegularFile(about)) {
            return null;
        }
        try {
            Map<?, ?> saved = ModelStore.JSON.readValue(about.toFile(), Map.class);
            Map<String, Object> wanted = ModelStore.recipeMap(recipe);
            if (!wanted.equals(saved.get("recipe"))) {
                return startAfresh("was made another way (" + ModelStore.differences(wanted, saved.get("recipe"))
                        + " differ)");
            }
            int bestEpoch = ((Number) saved.get("best_epoch")).intValue();
            if (!ModelStore.sha256(model).equals(saved.get("model_sha256"))
                    || (bestEpoch > 0 && !ModelStore.sha256(best).equals(saved.get("best_sha256")))) {
                return startAfresh("does not match its networks' checksums (a run ended while saving it)");
            }
            MultiLayerNetwork state = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), true);
            net.setParams(state.params());
            if (state.getUpdater() != null && state.getUpdater().getStateViewArray() != null) {
                net.getUpdater().setStateViewArray(net, state.getUpdater().getStateViewArray(), false);
            }
            net.setIterationCount(state.getIterationCount());
            net.setEpochCount(state.getEpochCount());
            for (int i = 0; i < net.getnLayers(); i++) {  // layer-wise pretraining counts in the layer's own conf
                net.getLayer(i).conf().setIterationCount(state.getLayer(i).conf().getIterationCount());
                net.getLayer(i).conf().setEpochCount(state.getLayer(i).conf().getEpochCount());
            }
            for (Object layer : (List<?>) saved.get("pretrain_updater_layers")) {
                int i = ((Number) layer).intValue();
                restoreLayerUpdater(net.getLayer(i), ModelSerializer.getObjectFromFile(model.toFile(), LAYER_UPDATER + i));
            }
            Nd4j.getRandom().setStates(((Number) saved.get("random_root_state")).longValue(),
                    ((Number) saved.get("random_node_state")).longValue());
            History history = ModelStore.history(saved);
            System.out.println(recipe.name() + ": resumes after epoch " + history.epochs() + " from its checkpoint "
                    + about + " (saved " + saved.get("saved") + ")");
            return new State(history, bestEpoch,
                    bestEpoch > 0 ? ModelSerializer.restoreMultiLayerNetwork(best.toFile(), false) : null);
        } catch (IOException | RuntimeException e) {
            return startAfresh("could not be read (" + e + ")");
        }
    }

    private State startAfresh(String why) {
        System.out.println(recipe.name() + ": the checkpoint " + about + " " + why + "; training starts at epoch 1");
        remove();
        return null;
    }

    @Override
    public void epochEnded(State state) {
        if (System.nanoTime() - lastSave < every.toNanos()) {
            return;
        }
        try {
            ModelSerializer.writeModel(net, ModelStore.part(model).toFile(), true);
            List<Integer> pretrained = new ArrayList<>();

            for (int i = 0; i < net.getnLayers(); i++) {
                if (!net.getLayer(i).isPretrainLayer()) {
                    continue;  // only a pretraining layer has an updater of its own (and pooling layers throw here)
                }
                ConvexOptimizer optimizer = net.getLayer(i).getOptimizer();
                if (optimizer != null && optimizer.getUpdater(false) != null
                        && optimizer.getUpdater(false).getStateViewArray() != null) {
                    ModelSerializer.addObjectToFile(ModelStore.part(model).toFile(), LAYER_UPDATER + i,
                            optimizer.getUpdater(false).getStateViewArray().dup());
                    pretrained.add(i);
                }
            }
            Map<String, Object> saved = new LinkedHashMap<>();
            saved.put("pretrain_updater_layers", pretrained);
            saved.put("random_root_state", Nd4j.getRandom().rootState());
            saved.put("random_node_state", Nd4j.getRandom().nodeState());
            saved.put("recipe", ModelStore.recipeMap(recipe));
            saved.put("saved", Instant.now().toString());
            saved.put("model_sha256", ModelStore.sha256(ModelStore.part(model)));
            saved.put("best_epoch", state.bestEpoch());
            if (state.best() != null) {
                ModelSerializer.writeModel(state.best(), ModelStore.part(best).toFile(), false);
                saved.put("best_sha256", ModelStore.sha256(ModelStore.part(best)));
            }
            ModelStore.putHistory(saved, state.history());
            ModelStore.JSON.writeValue(ModelStore.part(about).toFile(), saved);
            for (Path file : files) {
                Path part = ModelStore.part(file);
                if (Files.exists(part)) {
                    ModelStore.readableByAll(part);
                    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException | RuntimeException e) {
            for (Path file : files) {
                ModelStore.deleteQuietly(ModelStore.part(file));
            }
            System.out.println("warning: " + recipe.name() + ": could not save a checkpoint to " + about + " (" + e
                    + "); training goes on, but a run ended now would start again at epoch 1");
        }
        lastSave = System.nanoTime();
    }

    /**
     * A layer trained by DL4J's layer-wise {@code pretrain} (the VAE) keeps its updater in a solver of its own, which
     * DL4J neither saves with the network nor lets anyone set: it is created on the layer's first step. So it is
     * created here, as that first step would, with the saved state, before the resumed run's first step.
     */
    private static void restoreLayerUpdater(Layer layer, INDArray state) throws IOException {
        try {
            Field solverField = findField(layer.getClass(), "solver");
            solverField.setAccessible(true);
            Solver solver = new Solver.Builder().configure(layer.conf()).listeners(layer.getListeners()).model(layer)
                    .build();
            solver.getOptimizer().getUpdater(true).setStateViewArray(layer, state, false);
            solverField.set(layer, solver);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot restore the pretraining updater of layer " + layer.getIndex() + " ("
                    + layer.getClass().getSimpleName() + "): " + e, e);
        }
    }

    private static Field findField(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name + " in " + type.getName());
    }

    /** Removes the checkpoint's files (the model is saved, or the checkpoint is of no use). */
    void remove() {
        for (Path file : new Path[]{about, model, best}) {
            ModelStore.deleteQuietly(file);
        }
    }
}
