package io.neuralscribe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.neuralscribe.model.ShippedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code read IMAGE}: a picture of a written number becomes its text. */
class ReadCommandTest {
    @TempDir
    Path folder;

    @Test
    void aPictureOfANumberIsReadWhole() throws Exception {
        assumeTrue(Files.isRegularFile(ShippedModels.defaultModel()), "the shipped model is not built");
        BufferedImage image = new BufferedImage(400, 170, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 170);
        g.setColor(new Color(20, 20, 60));
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(10, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(60, 30, 60, 140);                          // 1
        g.drawOval(110, 30, 60, 110);                         // 0
        g.drawLine(215, 30, 285, 30);                         // 7
        g.drawLine(285, 30, 235, 140);
        g.dispose();
        Path png = folder.resolve("number.png");
        ImageIO.write(image, "png", png.toFile());

        CommandLineTest.Run read = CommandLineTest.run("read", png.toString(), "-v");
        assertEquals(0, read.exit(), read.err());
        assertEquals("107", read.out().lines().findFirst().orElse(""), read.out());
        assertTrue(read.out().lines().count() == 4, "one line of alternatives per character: " + read.out());
    }

    @Test
    void aFileThatIsNotAPictureIsAClearError() throws Exception {
        Path text = Files.writeString(folder.resolve("note.png"), "not a picture");
        CommandLineTest.Run read = CommandLineTest.run("read", text.toString());
        assertEquals(2, read.exit());
        assertTrue(read.err().contains("not a PNG or JPEG"), read.err());
        CommandLineTest.Run missing = CommandLineTest.run("read", folder.resolve("missing.png").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }
}
