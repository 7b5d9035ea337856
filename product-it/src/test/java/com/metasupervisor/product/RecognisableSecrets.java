package com.metasupervisor.product;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * The secrets of one run, each with every form in which it could leak: as it is, URL-encoded, hex, and base64 (standard
 * and URL alphabets) at each of the three byte alignments it can take inside a longer encoded text (of each, only the
 * groups of four characters that hold the secret's bytes alone, so the form is found whatever surrounds it). A JWT also
 * by its signature alone (what proves possession; header and claims are not secret on their own).
 */
final class RecognisableSecrets {

    /** Shorter forms would match by chance; every secret here is 30+ bytes, so its forms are 36+ characters. */
    private static final int MIN_FORM_LENGTH = 16;
    private static final int CONTEXT = 20;

    /** One way a secret can appear: {@code form} names it ("as is", "base64url+1", ...). */
    record Form(String secret, String form, byte[] bytes) {
        Form {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(form, "form");
            if (bytes.length < MIN_FORM_LENGTH) {
                throw new IllegalArgumentException(secret + " " + form + ": too short to recognise (" + bytes.length + " bytes)");
            }
            bytes = bytes.clone();
        }
    }

    /**
     * A secret found: which, in which form, where (a file and line, a topic-partition and offset, an HTTP answer...)
     * and up to 20 characters either side, the secret itself shown as {@code <name>}.
     */
    record Hit(String secret, String form, String where, String context) {
        @Override
        public String toString() {
            return where + ": " + secret + " (" + form + ") in \"" + context + "\"";
        }
    }

    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<Form> forms = new ArrayList<>();

    /** Adds {@code value} under {@code name} (e.g. "GITHUB_TOKEN") with all its forms. */
    RecognisableSecrets add(String name, String value) {
        if (secrets.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("two secrets named " + name);
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        addForm(new Form(name, "as is", bytes));
        addForm(new Form(name, "URL-encoded", URLEncoder.encode(value, StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII)));
        addForm(new Form(name, "hex", HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.US_ASCII)));
        for (int shift = 0; shift < 3; shift++) {
            addForm(new Form(name, "base64+" + shift, aligned(Base64.getEncoder().withoutPadding(), bytes, shift)));
            addForm(new Form(name, "base64url+" + shift, aligned(Base64.getUrlEncoder().withoutPadding(), bytes, shift)));
        }
        return this;
    }

    /** Adds a JWT under {@code name}: all its forms, and its signature (the third part) as it is. */
    RecognisableSecrets addToken(String name, String jwt) {
        add(name, jwt);
        String[] parts = jwt.split("\\.");
        if (parts.length == 3) {
            addForm(new Form(name, "its signature", parts[2].getBytes(StandardCharsets.US_ASCII)));
        }
        return this;
    }

    /** A form equal to one the secret has already (URL-encoding that changes nothing, base64 without + or /) counts once. */
    private void addForm(Form form) {
        if (forms.stream().noneMatch(f -> f.secret().equals(form.secret()) && Arrays.equals(f.bytes(), form.bytes()))) {
            forms.add(form);
        }
    }

    /** The secrets by name, their plain values (for the run's environment and the requests that carry them). */
    String value(String name) {
        String value = secrets.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no secret named " + name);
        }
        return value;
    }

    List<String> names() {
        return List.copyOf(secrets.keySet());
    }

    /**
     * Every form of every secret in {@code content}; {@code where} says where it was read, followed by the 1-based line
     * of each hit when {@code byLine} (files: "file:line"; a record is located by its offset alone).
     */
    List<Hit> scan(byte[] content, String where, boolean byLine) {
        List<Hit> hits = new ArrayList<>();
        for (Form form : forms) {
            for (int at = indexOf(content, form.bytes(), 0); at >= 0; at = indexOf(content, form.bytes(), at + 1)) {
                hits.add(new Hit(form.secret(), form.form(), byLine ? where + ":" + lineOf(content, at) : where,
                        context(content, at, form)));
            }
        }
        return hits;
    }

    List<Hit> scan(String content, String where, boolean byLine) {
        return scan(content.getBytes(StandardCharsets.UTF_8), where, byLine);
    }

    /**
     * {@code bytes} base64-encoded after {@code shift} other bytes: only the characters of the groups made of its own
     * bytes (the first group is dropped when it mixes in the preceding bytes, the last when it is partial).
     */
    private static byte[] aligned(Base64.Encoder encoder, byte[] bytes, int shift) {
        byte[] shifted = new byte[shift + bytes.length];
        System.arraycopy(bytes, 0, shifted, shift, bytes.length);
        String encoded = encoder.encodeToString(shifted);
        int start = shift == 0 ? 0 : 4;
        int end = 4 * (shifted.length / 3);
        return encoded.substring(start, end).getBytes(StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] content, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= content.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (content[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lineOf(byte[] content, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (content[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Up to 20 characters either side, printable ASCII only, the secret's form replaced by its name. */
    private static String context(byte[] content, int at, Form form) {
        int before = Math.max(0, at - CONTEXT);
        int after = Math.min(content.length, at + form.bytes().length + CONTEXT);
        return printable(Arrays.copyOfRange(content, before, at)) + "<" + form.secret() + ">"
                + printable(Arrays.copyOfRange(content, at + form.bytes().length, after));
    }

    private static String printable(byte[] bytes) {
        IntUnaryOperator visible = b -> b >= 0x20 && b < 0x7f ? b : '.';
        StringBuilder text = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            text.append((char) visible.applyAsInt(b & 0xff));
        }
        return text.toString();
    }
}
