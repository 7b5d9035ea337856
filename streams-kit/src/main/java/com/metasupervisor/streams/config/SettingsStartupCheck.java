package com.metasupervisor.streams.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.ConfigurationReader;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.BeanCreationException;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Binds and validates every settings record of the product ({@code @ConfigurationProperties} types under
 * {@code com.metasupervisor}) first at start-up: a bad value stops the service before it does anything, with one
 * {@link ConfigurationException} naming every bad key. It is the first of the {@link Context} beans, and every
 * streams builder waits for it (see {@code StreamsKitFactory}): Micronaut builds a service's Kafka Streams eagerly,
 * before the ordered context beans.
 * <ul>
 *   <li>A value that does not convert to its key's type, e.g. {@code risk.cvar.max-rows=abc}: Micronaut would bind
 *   the default in its place (or drop the bad items of a list) without a word; here it is refused, key and value
 *   named.</li>
 *   <li>A value the record refuses: its compact constructor checks with
 *   {@link com.metasupervisor.streams.check.ArgChecker}, whose messages start with the key.</li>
 * </ul>
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class SettingsStartupCheck {

    static final String PRODUCT_PACKAGE = "com.metasupervisor.";
    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "yes", "no", "y", "n", "on", "off");

    SettingsStartupCheck(ApplicationContext context) {
        List<BeanDefinition<?>> settings = new ArrayList<>();
        for (BeanDefinition<?> definition : context.getBeanDefinitions(Qualifiers.byStereotype(ConfigurationReader.class))) {
            if (definition.getBeanType().getName().startsWith(PRODUCT_PACKAGE)) {
                settings.add(definition);
            }
        }
        Set<String> problems = new LinkedHashSet<>();
        for (BeanDefinition<?> definition : settings) {
            problems.addAll(unconvertible(context, definition));
        }
        // a value that did not convert was bound as the default: the records' own checks would judge the wrong values
        if (problems.isEmpty()) {
            for (BeanDefinition<?> definition : settings) {
                try {
                    context.getBean(definition);
                } catch (BeanCreationException e) {
                    problems.add(refusal(e));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems));
        }
    }

    private static List<String> unconvertible(ApplicationContext context, BeanDefinition<?> definition) {
        List<String> problems = new ArrayList<>();
        for (Argument<?> argument : definition.getConstructor().getArguments()) {
            Optional<String> key = argument.getAnnotationMetadata().stringValue(Property.class, "name");
            if (key.isEmpty() || !context.containsProperty(key.get())) {
                continue; // a nested settings record, or a key left at its default
            }
            ArgumentConversionContext<?> conversion = ConversionContext.of(argument);
            Optional<?> value = context.getProperty(key.get(), conversion);
            if (value.isEmpty() || conversion.getLastError().isPresent() || mistypedBoolean(context, key.get(), argument)) {
                problems.add(key.get() + " must be " + expected(argument) + ", was '"
                        + context.getProperty(key.get(), String.class).orElse("") + "'");
            }
        }
        return problems;
    }

    /**
     * A boolean key holding a word that is no boolean: Micronaut reads any word but yes, y, on and true as false,
     * so a mistyped "ture" would switch a feature off.
     */
    private static boolean mistypedBoolean(ApplicationContext context, String key, Argument<?> argument) {
        if (argument.getType() != boolean.class && argument.getType() != Boolean.class) {
            return false;
        }
        String raw = context.getProperty(key, String.class).orElse("").strip().toLowerCase(Locale.ROOT);
        return !BOOLEAN_WORDS.contains(raw);
    }

    /** The record's own message (it starts with the key); anything else is not a settings problem: rethrown. */
    private static String refusal(BeanCreationException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException refused) {
                return refused.getMessage();
            }
        }
        throw e;
    }

    /** What a value of the argument's type looks like, for the message. */
    static String expected(Argument<?> argument) {
        Class<?> type = argument.getType();
        if (Collection.class.isAssignableFrom(type)) {
            Argument<?> item = argument.getFirstTypeVariable().orElse(Argument.STRING);
            return "a comma-separated list, each " + expected(item);
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration such as PT30S, PT6H, P2D (ISO-8601) or 30s";
        }
        return "a " + type.getSimpleName();
    }
}
