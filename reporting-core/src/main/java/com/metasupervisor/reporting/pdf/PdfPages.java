package com.metasupervisor.reporting.pdf;

import com.metasupervisor.streams.check.ArgChecker;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A PDF's pages as PNG files (page-001.png, ...), for the cli and for looking at a report. */
public final class PdfPages {

    private PdfPages() {
    }

    /** Renders every page at {@code dpi} into {@code dir} (created if absent); the files in page order. */
    public static List<Path> toPng(byte[] pdf, Path dir, int dpi) {
        ArgChecker.notNull(pdf, "pdf");
        ArgChecker.notNull(dir, "dir");
        ArgChecker.inRange(dpi, 10, 1200, "dpi");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            Files.createDirectories(dir);
            PDFRenderer renderer = new PDFRenderer(document);
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                BufferedImage image = renderer.renderImageWithDPI(i, dpi, ImageType.RGB);
                Path file = dir.resolve(String.format("page-%03d.png", i + 1));
                ImageIO.write(image, "png", file.toFile());
                files.add(file);
            }
            return List.copyOf(files);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the PDF's pages failed", e);
        }
    }
}
