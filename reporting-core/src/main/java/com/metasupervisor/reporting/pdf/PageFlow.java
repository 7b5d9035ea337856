package com.metasupervisor.reporting.pdf;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;
import org.jfree.chart.JFreeChart;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays the report out top to bottom on A4 portrait pages: text lines, tables whose header row repeats on each page
 * they reach, charts as form XObjects, and at the end "page i of n" in every footer. Every piece of text goes
 * through {@link CellText} (one line, glyphs the font has, cut to its width) and PDFBox's showText (which escapes).
 */
final class PageFlow {

    static final PDRectangle SIZE = PDRectangle.A4;
    static final float LEFT = 40;
    static final float RIGHT = SIZE.getWidth() - 40;
    static final float WIDTH = RIGHT - LEFT;
    static final float TOP = SIZE.getHeight() - 44;
    static final float BOTTOM = 50;
    static final float TABLE_SIZE = 7.5f;
    static final float ROW = 10.5f;
    private static final float PAD = 2;
    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color MUTED = new Color(0x66, 0x66, 0x66);
    private static final Color HEADER_FILL = new Color(0xDD, 0xE4, 0xEE);
    private static final Color STRIPE = new Color(0xF4, 0xF6, 0xF9);

    /** A table column: title, width in points, numbers right-aligned. */
    record Column(String title, float width, boolean right) {
        static Column left(String title, float width) {
            return new Column(title, width, false);
        }

        static Column right(String title, float width) {
            return new Column(title, width, true);
        }
    }

    private final PDDocument document;
    private final ReportFont font;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream content;
    private float y;

    PageFlow(PDDocument document, ReportFont font) throws IOException {
        this.document = document;
        this.font = font;
        newPage();
    }

    void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(SIZE);
        document.addPage(page);
        pages.add(page);
        content = new PDPageContentStream(document, page);
        y = TOP;
    }

    float remaining() {
        return y - BOTTOM;
    }

    void ensure(float height) throws IOException {
        if (y - height < BOTTOM) {
            newPage();
        }
    }

    void gap(float height) {
        y -= height;
    }

    /** Untrusted or not, made one safe line no wider than {@code width}. */
    String fitted(String raw, float size, float width) {
        return CellText.cell(raw, font::canShow, s -> font.width(s, size), width);
    }

    /** A line of text across the page. */
    void line(String raw, float size, boolean bold, Color color) throws IOException {
        ensure(size * 1.45f);
        y -= size * 1.25f;
        show(LEFT, y, size, fitted(raw, size, WIDTH), bold, color);
        y -= size * 0.2f;
    }

    void line(String raw, float size) throws IOException {
        line(raw, size, false, INK);
    }

    void muted(String raw, float size) throws IOException {
        line(raw, size, false, MUTED);
    }

    /** A section heading with a rule under it, kept with at least {@code keepWith} points of what follows. */
    void heading(String text, float keepWith) throws IOException {
        ensure(30 + keepWith);
        y -= 8;
        line(text, 12, true, INK);
        content.setStrokingColor(HEADER_FILL);
        content.setLineWidth(1f);
        content.moveTo(LEFT, y - 1);
        content.lineTo(RIGHT, y - 1);
        content.stroke();
        y -= 5;
    }

    /** A table; the header row is drawn again at the top of each page the rows continue on. */
    void table(List<Column> columns, List<List<String>> rows, String continuedCaption) throws IOException {
        ensure(ROW * 3);
        header(columns);
        for (int r = 0; r < rows.size(); r++) {
            if (y - ROW < BOTTOM) {
                newPage();
                line(continuedCaption, 8, false, MUTED);
                header(columns);
            }
            if (r % 2 == 1) {
                fill(LEFT, y - ROW, WIDTH, ROW, STRIPE);
            }
            cells(columns, rows.get(r), false);
        }
        y -= 4;
    }

    private void header(List<Column> columns) throws IOException {
        fill(LEFT, y - ROW, WIDTH, ROW, HEADER_FILL);
        cells(columns, columns.stream().map(Column::title).toList(), true);
    }

    private void cells(List<Column> columns, List<String> values, boolean bold) throws IOException {
        float x = LEFT;
        float baseline = y - ROW + 3;
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            // a left-aligned column right after a right-aligned one starts further in, or the two texts touch
            float indent = c > 0 && columns.get(c - 1).right() && !column.right() ? 3 * PAD : PAD;
            String text = fitted(c < values.size() ? values.get(c) : "", TABLE_SIZE, column.width() - PAD - indent);
            float textX = column.right() ? x + column.width() - PAD - font.width(text, TABLE_SIZE) : x + indent;
            show(textX, baseline, TABLE_SIZE, text, bold, INK);
            x += column.width();
        }
        y -= ROW;
    }

    /** A filled rectangle at the cursor's coordinates (heatmap cells, stripes). */
    void fill(float x, float bottom, float width, float height, Color color) throws IOException {
        content.setNonStrokingColor(color);
        content.addRect(x, bottom, width, height);
        content.fill();
    }

    float y() {
        return y;
    }

    /** Clean text (from {@link #fitted}) at a position. */
    void show(float x, float baseline, float size, String clean, boolean bold, Color color) throws IOException {
        if (clean.isEmpty()) {
            return;
        }
        content.beginText();
        content.setFont(font.pdf, size);
        content.setNonStrokingColor(color);
        if (bold) { // one font embedded: bold is the glyphs' outline stroked as well
            content.setStrokingColor(color);
            content.setLineWidth(size * 0.03f);
            content.setRenderingMode(RenderingMode.FILL_STROKE);
        } else {
            content.setRenderingMode(RenderingMode.FILL);
        }
        content.newLineAtOffset(x, baseline);
        content.showText(clean);
        content.endText();
    }

    float textWidth(String clean, float size) {
        return font.width(clean, size);
    }

    /** A JFreeChart drawn as vectors: pdfbox-graphics2d records it into a form XObject placed at the cursor. */
    void chart(JFreeChart chart, float height) throws IOException {
        ensure(height + 4);
        PdfBoxGraphics2D graphics = new PdfBoxGraphics2D(document, WIDTH, height);
        try {
            chart.draw(graphics, new Rectangle2D.Double(0, 0, WIDTH, height));
        } finally {
            graphics.dispose();
        }
        PDFormXObject form = graphics.getXFormObject();
        y -= height;
        content.saveGraphicsState();
        content.transform(Matrix.getTranslateInstance(LEFT, y));
        content.drawForm(form);
        content.restoreGraphicsState();
        y -= 4;
    }

    /** Closes the last page and stamps "page i of n" (and {@code footer} on the left) on every page. */
    void finish(String footer) throws IOException {
        content.close();
        content = null;
        int n = pages.size();
        String left = fitted(footer, 7.5f, WIDTH * 0.7f);
        for (int i = 0; i < n; i++) {
            try (PDPageContentStream stamp = new PDPageContentStream(document, pages.get(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                content = stamp;
                String number = "page " + (i + 1) + " of " + n;
                show(LEFT, 28, 7.5f, left, false, MUTED);
                show(RIGHT - font.width(number, 7.5f), 28, 7.5f, number, false, MUTED);
            }
        }
        content = null;
    }
}
