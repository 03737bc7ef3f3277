package dev.lazarus.fleet;

import java.util.ArrayList;
import java.util.List;

/** Just enough shell lexing for the simulator: quotes, and the top-level {@code && || ;} operators. */
final class Tokens {

    private Tokens() {}

    /** Splits at top-level {@code &&}, {@code ||} and {@code ;}, outside quotes. */
    static void splitTopLevel(String line, List<String> parts, List<String> operators) {
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    current.append(c).append(line.charAt(++i));
                    continue;
                }
                current.append(c);
                continue;
            }
            if (c == '\\' && i + 1 < line.length()) {
                current.append(c).append(line.charAt(++i)); // an escaped character is never an operator or a quote
            } else if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
            } else if ((c == '&' || c == '|') && i + 1 < line.length() && line.charAt(i + 1) == c) {
                parts.add(current.toString().strip());
                operators.add("" + c + c);
                current.setLength(0);
                i++;
            } else if (c == ';') {
                parts.add(current.toString().strip());
                operators.add(";");
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().strip());
    }

    /** Words of one simple command, quotes removed. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
                    current.append(command.charAt(++i));
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                current.append(command.charAt(++i)); // outside quotes a backslash escapes the next character
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
            } else {
                current.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(current.toString());
        }
        return words;
    }
}
