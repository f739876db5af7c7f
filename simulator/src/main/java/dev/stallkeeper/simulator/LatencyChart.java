package dev.stallkeeper.simulator;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The latency percentile-distribution plot of HdrHistogram: latency (ms, linear) over percentile on a "nines" axis
 * (0, 90, 99, 99.9, 99.99, max), one line per series. Drawn once against a tiny {@link Canvas} that writes either SVG
 * text or a PNG (Java2D, headless), so both files show the same picture.
 */
public final class LatencyChart {

    /** One line of the chart. */
    public record Series(String name, List<LoadReport.Point> points) {
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 70;
    private static final int RIGHT = 200;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    /** Where the maximum is drawn, past 99.99 % (x = 4 nines). */
    private static final double MAX_X = 4.4;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

    private LatencyChart() {
    }

    /** Writes the chart to {@code file}: SVG when the name ends in {@code .svg}, otherwise PNG. */
    public static void write(Path file, String title, List<Series> series) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            SvgCanvas svg = new SvgCanvas();
            draw(svg, title, series);
            Files.writeString(file, svg.finish(), StandardCharsets.UTF_8);
        } else {
            BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                draw(new ImageCanvas(g), title, series);
            } finally {
                g.dispose();
            }
            ImageIO.write(image, "png", file.toFile());
        }
    }

    /** The x position of a percentile: the number of nines, {@code log10(1 / (1 - p))}; the maximum at the end. */
    static double nines(double percentile) {
        if (percentile >= 100.0) {
            return MAX_X;
        }
        return Math.min(4.0, Math.log10(1.0 / (1.0 - percentile / 100.0)));
    }

    /** A round upper bound for the y axis and its tick step. */
    static double[] yScale(double max) {
        double top = max <= 0 ? 1 : max;
        double magnitude = Math.pow(10, Math.floor(Math.log10(top)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= top) {
                return new double[] {m * magnitude, m * magnitude / 5};
            }
        }
        return new double[] {10 * magnitude, 2 * magnitude};
    }

    static void draw(Canvas c, String title, List<Series> series) {
        double maxMs = series.stream().flatMap(s -> s.points().stream()).mapToDouble(LoadReport.Point::latencyMs)
                .max().orElse(1);
        double[] y = yScale(maxMs);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        c.rect(0, 0, WIDTH, HEIGHT, "#ffffff");
        c.text(WIDTH / 2.0 - RIGHT / 2.0, 28, title, 16, "middle", "#000000");
        // grid and y ticks
        for (double v = 0; v <= y[0] + 1e-9; v += y[1]) {
            double py = TOP + plotH - v / y[0] * plotH;
            c.line(LEFT, py, LEFT + plotW, py, "#dddddd", 1);
            c.text(LEFT - 8, py + 4, format(v), 11, "end", "#333333");
        }
        String[] xLabels = {"0%", "90%", "99%", "99.9%", "99.99%", "max"};
        double[] xs = {0, 1, 2, 3, 4, MAX_X};
        for (int i = 0; i < xs.length; i++) {
            double px = LEFT + xs[i] / MAX_X * plotW;
            c.line(px, TOP, px, TOP + plotH, "#dddddd", 1);
            c.text(px, TOP + plotH + 18, xLabels[i], 11, "middle", "#333333");
        }
        c.line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#000000", 1);
        c.line(LEFT, TOP, LEFT, TOP + plotH, "#000000", 1);
        c.text(LEFT + plotW / 2.0, HEIGHT - 15, "percentile", 12, "middle", "#000000");
        c.text(18, TOP - 12, "latency (ms)", 12, "start", "#000000");
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String color = COLORS[i % COLORS.length];
            double[] px = new double[s.points().size()];
            double[] py = new double[s.points().size()];
            for (int j = 0; j < px.length; j++) {
                LoadReport.Point p = s.points().get(j);
                px[j] = LEFT + nines(p.percentile()) / MAX_X * plotW;
                py[j] = TOP + plotH - Math.min(p.latencyMs(), y[0]) / y[0] * plotH;
            }
            c.polyline(px, py, color, 2);
            double ly = TOP + 10 + i * 20;
            c.line(WIDTH - RIGHT + 15, ly, WIDTH - RIGHT + 40, ly, color, 3);
            c.text(WIDTH - RIGHT + 46, ly + 4, s.name(), 11, "start", "#000000");
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** The few drawing operations the chart needs. */
    interface Canvas {
        void rect(double x, double y, double w, double h, String fill);

        void line(double x1, double y1, double x2, double y2, String color, double width);

        void polyline(double[] xs, double[] ys, String color, double width);

        /** @param anchor {@code start}, {@code middle} or {@code end} */
        void text(double x, double y, String text, int size, String anchor, String color);
    }

    static final class SvgCanvas implements Canvas {
        private final StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));

        @Override
        public void rect(double x, double y, double w, double h, String fill) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"%s\"/>%n", x, y, w, h, fill));
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String color, double width) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"%s\" stroke-width=\"%.1f\"/>%n", x1, y1, x2, y2, color, width));
        }

        @Override
        public void polyline(double[] xs, double[] ys, String color, double width) {
            svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"")
                    .append(width).append("\" points=\"");
            for (int i = 0; i < xs.length; i++) {
                svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], ys[i]));
            }
            svg.append("\"/>").append('\n');
        }

        @Override
        public void text(double x, double y, String text, int size, String anchor, String color) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\" "
                    + "fill=\"%s\">%s</text>%n", x, y, size, anchor, color, escape(text)));
        }

        String finish() {
            return svg.append("</svg>\n").toString();
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }

    static final class ImageCanvas implements Canvas {
        private final Graphics2D g;

        ImageCanvas(Graphics2D g) {
            this.g = g;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        }

        @Override
        public void rect(double x, double y, double w, double h, String fill) {
            g.setColor(Color.decode(fill));
            g.fill(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String color, double width) {
            g.setColor(Color.decode(color));
            g.setStroke(new BasicStroke((float) width));
            g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
        }

        @Override
        public void polyline(double[] xs, double[] ys, String color, double width) {
            if (xs.length == 0) {
                return;
            }
            Path2D.Double path = new Path2D.Double();
            path.moveTo(xs[0], ys[0]);
            for (int i = 1; i < xs.length; i++) {
                path.lineTo(xs[i], ys[i]);
            }
            g.setColor(Color.decode(color));
            g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
        }

        @Override
        public void text(double x, double y, String text, int size, String anchor, String color) {
            g.setColor(Color.decode(color));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            int w = g.getFontMetrics().stringWidth(text);
            double dx = switch (anchor) {
                case "middle" -> -w / 2.0;
                case "end" -> -w;
                default -> 0;
            };
            g.drawString(text, (float) (x + dx), (float) y);
        }
    }
}
