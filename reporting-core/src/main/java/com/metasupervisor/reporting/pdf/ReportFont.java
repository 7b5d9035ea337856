package com.metasupervisor.reporting.pdf;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The report's one typeface, DejaVu Sans Condensed shipped under {@code /fonts} (Bitstream Vera licence, see
 * DejaVu-LICENSE.txt there): no system font is relied on, so CI renders what a developer sees. Per document it is
 * embedded as a subset; its Unicode cmap says which code points it can show (the rest become '?').
 */
final class ReportFont implements Closeable {

    static final String RESOURCE = "/fonts/DejaVuSansCondensed.ttf";
    private static final byte[] BYTES = load();
    /** For chart labels (JFreeChart draws through AWT; pdfbox-graphics2d turns the glyphs into vector paths). */
    static final Font AWT = awtFont();

    private final TrueTypeFont trueType;
    private final CmapLookup cmap;
    final PDType0Font pdf;

    private ReportFont(TrueTypeFont trueType, PDType0Font pdf) throws IOException {
        this.trueType = trueType;
        this.cmap = trueType.getUnicodeCmapLookup();
        this.pdf = pdf;
    }

    /** The font embedded (subset) in {@code document}; close it after the document is saved. */
    static ReportFont embedIn(PDDocument document) throws IOException {
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(BYTES));
        return new ReportFont(ttf, PDType0Font.load(document, ttf, true));
    }

    /** Whether the font has a glyph for the code point (glyph 0 is .notdef). */
    boolean canShow(int codePoint) {
        return cmap.getGlyphId(codePoint) > 0;
    }

    /** Width in points of already-clean text at {@code size}. */
    float width(String text, float size) {
        try {
            return pdf.getStringWidth(text) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        trueType.close();
    }

    private static byte[] load() {
        try (InputStream in = ReportFont.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("font resource missing: " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Font awtFont() {
        try {
            return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(BYTES));
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }
}
