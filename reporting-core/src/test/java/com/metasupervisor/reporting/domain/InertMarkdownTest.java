package com.metasupervisor.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InertMarkdownTest {

    @Test
    void inlineSyntaxAndHtmlAreEscaped() {
        assertThat(InertMarkdown.inline("a*b_c `d` [e](f) ![g](h) <i> # | ~ & {j} \\"))
                .isEqualTo("a\\*b\\_c \\`d\\` \\[e\\]\\(f\\) \\!\\[g\\]\\(h\\) \\<i\\> \\# \\| \\~ \\& \\{j\\} \\\\");
    }

    @Test
    void everyLineBreakAndControlBecomesOneSpace() {
        assertThat(InertMarkdown.inline("a\r\nb\nc\rd\u2028e\u2029f\u0085g\u0000\th")).isEqualTo("a b c d e f g h");
    }

    @Test
    void blockStartsAreNeutralised() {
        assertThat(InertMarkdown.inline("- item")).isEqualTo("\\- item");
        assertThat(InertMarkdown.inline("+ item")).isEqualTo("\\+ item");
        assertThat(InertMarkdown.inline("---")).isEqualTo("\\---");
        assertThat(InertMarkdown.inline("-612 bps")).isEqualTo("-612 bps");
        assertThat(InertMarkdown.inline("12. item")).isEqualTo("12\\. item");
        assertThat(InertMarkdown.inline("    indented code")).isEqualTo("indented code");
        assertThat(InertMarkdown.inline("> quote")).isEqualTo("\\> quote");
        assertThat(InertMarkdown.inline("1.5 is fine")).isEqualTo("1.5 is fine");
        assertThat(InertMarkdown.inline(" \n ")).isEqualTo("(blank)");
    }

    @Test
    void mentionsAndAutolinksAreBroken() {
        assertThat(InertMarkdown.inline("@here ping @org/team")).isEqualTo("@\u200Bhere ping @\u200Borg/team");
        assertThat(InertMarkdown.inline("agent@1796022000000:KILL")).isEqualTo("agent@1796022000000:KILL");
        assertThat(InertMarkdown.inline("see https://evil.io or WWW.evil.io")).isEqualTo("see https:\u200B//evil.io or WWW\u200B.evil.io");
    }

    @Test
    void bidiOverridesAreReplacedAndOtherUnicodeKept() {
        assertThat(InertMarkdown.inline("日本 é \u202Eexe.txt\u2066")).isEqualTo("日本 é \uFFFDexe.txt\uFFFD");
        assertThat(InertMarkdown.inline("emoji \uD83D\uDE00")).isEqualTo("emoji \uD83D\uDE00");
    }

    @Test
    void figures() {
        assertThat(InertMarkdown.figure(1.8)).isEqualTo("1.8");
        assertThat(InertMarkdown.figure(-612.0)).isEqualTo("-612");
        assertThat(InertMarkdown.figure(0.0)).isEqualTo("0");
        assertThat(InertMarkdown.figure(12345.678)).isEqualTo("12350");
        assertThat(InertMarkdown.figure(0.000123456)).isEqualTo("0.0001235");
    }
}
