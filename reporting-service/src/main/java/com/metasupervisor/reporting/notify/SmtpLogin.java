package com.metasupervisor.reporting.notify;

import com.metasupervisor.streams.check.ArgChecker;

/** An SMTP user and password; {@link #toString()} shows the user only. */
public record SmtpLogin(String username, String password) {
    public SmtpLogin {
        ArgChecker.notBlank(username, "username");
        ArgChecker.notNull(password, "password");
    }

    @Override
    public String toString() {
        return "SmtpLogin[username=" + username + ", password=***]";
    }
}
