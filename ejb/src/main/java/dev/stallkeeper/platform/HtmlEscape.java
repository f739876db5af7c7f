package dev.stallkeeper.platform;

/** Text for HTML written by hand (pages and reports built outside Faces): element content and quoted attributes. */
public final class HtmlEscape {

    private HtmlEscape() {
    }

    /** {@code s} with {@code < > & " '} escaped; null is empty. */
    public static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
