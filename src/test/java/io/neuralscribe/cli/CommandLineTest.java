package io.neuralscribe.cli;

import io.neuralscribe.data.SnakeCaseJson;
import com.fasterxml.jackson.databind.JsonNode;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.data.IdxTestFiles;
import io.neuralscribe.model.ModelFile;
import io.neuralscribe.model.ModelMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands as a user runs them: clear messages and non-zero exits for bad arguments, and a tiny run end to end. */
class CommandLineTest {
    private static final List<String> FOUR = List.of("0", "1", "2", "3");

    @TempDir
    Path folder;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void badArgumentsGetAClearMessageAndANonZeroExit() {
        Run unknownSplit = run("train", "--split", "cursive");
        assertEquals(2, unknownSplit.exit());
        assertTrue(unknownSplit.err().contains("unknown EMNIST split 'cursive'"), unknownSplit.err());
        assertTrue(unknownSplit.err().contains("bymerge"), "the message lists what is accepted");

        Run unknownArch = run("train", "--arch", "transformer");
        assertEquals(2, unknownArch.exit());
        assertTrue(unknownArch.err().contains("compact, resnet-se"), unknownArch.err());

        Run noEpochs = run("train", "--epochs", "0", "--data", folder.toString());
        assertEquals(2, noEpochs.exit());
        assertTrue(noEpochs.err().contains("epochs must be at least 1"), noEpochs.err());

        Run notANumber = run("train", "--batch-size", "many");
        assertEquals(2, notANumber.exit());
        assertTrue(notANumber.err().contains("--batch-size"), notANumber.err());

        Run missingImage = run("predict", folder.resolve("nothing.png").toString());
        assertEquals(2, missingImage.exit());
        assertTrue(missingImage.err().contains("no such file"), missingImage.err());

        assertTrue(missingImage.err().startsWith("error: "), missingImage.err());
        assertFalse(missingImage.err().contains("Usage:"), "one line and a pointer to --help: " + missingImage.err());
        assertTrue(missingImage.err().contains("neuralscribe predict --help"), missingImage.err());

        Run folderImage = run("predict", folder.toString());
        assertEquals(2, folderImage.exit());
        assertTrue(folderImage.err().contains("is a folder; name one picture in it"), folderImage.err());

        Run nothing = run();
        assertEquals(2, nothing.exit(), "no command: nothing was done");
        assertTrue(nothing.err().contains("name a command: serve, train"), nothing.err());

        Run tooFewIterations = run("bench", "--iterations", "1");
        assertEquals(2, tooFewIterations.exit());

        Run unknownCommand = run("dance");
        assertNotEquals(0, unknownCommand.exit());
        assertTrue(unknownCommand.err().contains("dance"), unknownCommand.err());
    }

    @Test
    void evaluatingOnDataWithOtherClassesIsRefusedClearly() throws Exception {
        Path model = trainTiny();
        Path letters = Files.createDirectory(folder.resolve("letters"));
        IdxTestFiles.writeSplit(letters, EmnistSplit.LETTERS, 4, 8, 8);
        Run result = run("evaluate", "--model", model.toString(), "--data", letters.toString(), "--split", "letters");
        assertEquals(1, result.exit());
        assertTrue(result.err().contains("the model knows 4 classes of digits"), result.err());
    }

    @Test
    void trainEvaluateInfoAndPredictEndToEnd() throws Exception {
        Path model = trainTiny();
        ModelMetadata metadata = ModelFile.readMetadata(model);
        assertEquals(FOUR, metadata.classes());
        assertEquals(1, metadata.history().size());
        assertTrue(metadata.trainedOn().contains("a 160-image subset of EMNIST Digits train"), metadata.trainedOn());

        Path report = folder.resolve("report.json");
        Run evaluate = run("evaluate", "--model", model.toString(), "--data", folder.resolve("data").toString(),
                "--json", report.toString());
        assertEquals(0, evaluate.exit(), evaluate.err());
        assertTrue(evaluate.out().contains("Accuracy:"), evaluate.out());
        JsonNode json = SnakeCaseJson.MAPPER.readTree(report.toFile());
        assertEquals(40, json.get("images").asInt());
        assertEquals(4, json.get("per_class").size());

        Run info = run("info", "--model", model.toString());
        assertEquals(0, info.exit(), info.err());
        assertEquals("compact", SnakeCaseJson.MAPPER.readTree(info.out()).get("architecture").asText());
        assertTrue(SnakeCaseJson.MAPPER.readTree(info.out()).get("training_sample").asText().contains("training images hashed"),
                "info summarises the training sample instead of printing its hashes");

        Path png = folder.resolve("stroke.png");
        BufferedImage image = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 120, 90);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(8));
        g.drawLine(60, 10, 60, 80);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
        Run predict = run("predict", "--model", model.toString(), png.toString());
        assertEquals(0, predict.exit(), predict.err());
        String[] lines = predict.out().strip().split("\\R");
        assertEquals(3, lines.length, predict.out());
        double total = Arrays.stream(lines).mapToDouble(l -> Double.parseDouble(l.replaceAll("^\\S+\\s+|\\s*%$", ""))).sum();
        assertTrue(total > 0 && total <= 100.0001, "top-3 confidences are percentages: " + predict.out());
        assertTrue(FOUR.contains(lines[0].split("\\s+")[0]), predict.out());

        // balance records a pen prior beside the weights; a picture is read as before.
        Path balanced = folder.resolve("balanced" + ModelFile.EXTENSION);
        Run balance = run("balance", "--model", model.toString(), "--tau", "1", "--data", folder.resolve("data").toString(),
                "--aim", "Classes", "--for", "pen", "--out", balanced.toString());
        assertEquals(0, balance.exit(), balance.err());
        ModelMetadata adjusted = ModelFile.readMetadata(balanced);
        assertEquals(FOUR.size(), adjusted.penPrior().logitShift().length);
        assertTrue(adjusted.penPrior().description().startsWith("every class equally likely (τ = 1.00)"),
                adjusted.penPrior().description());
        assertTrue(adjusted.recipe().containsKey("logit_adjustment"), adjusted.recipe().toString());
        assertTrue(ModelFile.readMetadata(model).penPrior().description().startsWith("every written character"),
                "training recorded its own pen prior, and the model balanced is left as it was");
        assertEquals(predict.out(), run("predict", "--model", balanced.toString(), png.toString()).out());
        Run wrong = run("balance", "--model", model.toString(), "--tau", "1", "--for", "everything", "--out", "x");
        assertEquals(2, wrong.exit());
        assertTrue(wrong.err().contains("--for"), wrong.err());
    }

    @Test
    void aRunIntoAnExistingModelComparesBothAndReplacesNothingUnasked() throws Exception {
        Path model = trainTiny();
        byte[] first = Files.readAllBytes(model);
        Path setAside = folder.resolve("tiny.set-aside" + ModelFile.EXTENSION);
        Run again = run("train", "--split", "digits", "--data", folder.resolve("data").toString(), "--epochs", "1",
                "--batch-size", "16", "--eval-limit", "20", "--seed", "5", "--out", model.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("On emnist-digits-test, a random sample of its 40 (20 images): current "), again.out());
        assertTrue(again.out().contains("keeping the current model"), again.out());
        assertArrayEquals(first, Files.readAllBytes(model), "no one was asked: the current model stays");
        assertTrue(Files.isRegularFile(setAside), "the candidate is set aside, not lost");

        Run keep = run("train", "--split", "digits", "--data", folder.resolve("data").toString(), "--epochs", "1",
                "--batch-size", "16", "--eval-limit", "20", "--seed", "5", "--keep", "candidate", "--out",
                model.toString());
        assertEquals(0, keep.exit(), keep.err());
        assertArrayEquals(first, Files.readAllBytes(setAside), "the previous model is set aside");
        assertFalse(Arrays.equals(first, Files.readAllBytes(model)), "the candidate serves under the name");
        assertFalse(Files.exists(folder.resolve("tiny.candidate" + ModelFile.EXTENSION)));
    }

    /** One epoch of compact on a tiny digits-style split, through the train command. */
    @Test
    void evaluateWarnsWhenTheTestSetHoldsTheModelsTrainingImages() throws Exception {
        Path model = trainTiny();
        assertEquals(160, ModelFile.readMetadata(model).trainingSample().sampled(), "training records its sample");

        Run fair = run("evaluate", "--model", model.toString(), "--data", folder.resolve("data").toString());
        assertEquals(0, fair.exit(), fair.err());
        assertFalse(fair.out().contains("Warning"), fair.out());

        // A test file that is the training file: every figure is measured on learned images.
        Path leaky = Files.createDirectories(folder.resolve("leaky"));
        Path data = folder.resolve("data");
        for (String file : List.of(EmnistSplit.DIGITS.mappingFile(),
                EmnistSplit.DIGITS.imagesFile(EmnistSplit.Part.TRAIN), EmnistSplit.DIGITS.labelsFile(EmnistSplit.Part.TRAIN))) {
            Files.copy(data.resolve(file), leaky.resolve(file));
        }
        Files.copy(data.resolve(EmnistSplit.DIGITS.imagesFile(EmnistSplit.Part.TRAIN)),
                leaky.resolve(EmnistSplit.DIGITS.imagesFile(EmnistSplit.Part.TEST)));
        Files.copy(data.resolve(EmnistSplit.DIGITS.labelsFile(EmnistSplit.Part.TRAIN)),
                leaky.resolve(EmnistSplit.DIGITS.labelsFile(EmnistSplit.Part.TEST)));
        Path report = folder.resolve("leaky.json");
        Run leak = run("evaluate", "--model", model.toString(), "--data", leaky.toString(), "--json", report.toString());
        assertEquals(0, leak.exit(), leak.err());
        assertTrue(leak.out().contains("Warning: about 100 % of this model's training images are in this test set (160 of 160 sampled), about 100 % of its images"),
                leak.out());
        assertTrue(leak.out().contains("the figure overstates accuracy"), leak.out());
        JsonNode overlap = SnakeCaseJson.MAPPER.readTree(report.toFile()).get("training_overlap");
        assertEquals(160, overlap.get("found").asInt(), overlap.toString());
        assertEquals(1.0, overlap.get("test_share").asDouble(), 1e-9, overlap.toString());
        assertTrue(overlap.get("overstates_accuracy").asBoolean(), overlap.toString());
    }

    @Test
    void aModelWithoutASampleGetsOneFromItsTrainingDataWithoutRetraining() throws Exception {
        Path model = trainTiny();
        ModelMetadata trained = ModelFile.readMetadata(model);
        Path older = folder.resolve("older" + ModelFile.EXTENSION);
        Files.copy(model, older);
        ModelFile.updateMetadata(older, m -> m.withTrainingSample(null));

        Run unchecked = run("evaluate", "--model", older.toString(), "--data", folder.resolve("data").toString());
        assertEquals(0, unchecked.exit(), unchecked.err());
        assertTrue(unchecked.out().contains("records no sample of its training images"), unchecked.out());

        Run sample = run("train", "--sample-only", "--split", "digits", "--data", folder.resolve("data").toString(),
                "--out", older.toString());
        assertEquals(0, sample.exit(), sample.err());
        assertTrue(sample.out().contains("Recorded a 160-image sample"), sample.out());
        assertEquals(trained.trainingSample(), ModelFile.readMetadata(older).trainingSample(),
                "the same images give the same sample");
        assertEquals(trained.history(), ModelFile.readMetadata(older).history(), "nothing else changes");
    }

    private Path trainTiny() throws Exception {
        Path data = folder.resolve("data");
        Files.createDirectories(data);
        IdxTestFiles.writeSplit(data, EmnistSplit.DIGITS, FOUR, 160, 40, 3);
        Path model = folder.resolve("tiny" + ModelFile.EXTENSION);
        if (!Files.exists(model)) {
            Run train = run("train", "--split", "digits", "--data", data.toString(), "--epochs", "1",
                    "--batch-size", "16", "--eval-limit", "20", "--out", model.toString());
            assertEquals(0, train.exit(), train.err());
            assertTrue(train.out().contains("Saved"), train.out());
        }
        return model;
    }
}
