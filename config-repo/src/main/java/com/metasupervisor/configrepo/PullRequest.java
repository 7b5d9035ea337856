package com.metasupervisor.configrepo;

import java.util.Objects;

/**
 * A pull request of the config repository (on {@code local-git}: the proposed branch itself).
 *
 * @param number  its number on GitHub; 0 on local-git
 * @param branch  its head branch
 * @param title   its title
 * @param url     where a reviewer finds it (GitHub's html_url; on local-git the repository path and branch)
 * @param created true when this call created it, false when it existed already
 */
public record PullRequest(long number, String branch, String title, String url, boolean created) {
    public PullRequest {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
        if (number < 0) {
            throw new IllegalArgumentException("number must be >= 0, was " + number);
        }
    }
}
