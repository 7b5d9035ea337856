package com.metasupervisor.streams.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.type.Argument;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;

/**
 * A settings record built from its defaults: the {@code @Bindable(defaultValue = ...)} of each component, converted
 * as Micronaut converts them when it binds the record with the key unset. The default is thus written once, on the
 * component, and a record's {@code defaults()} cannot differ from what a service starts with. A component whose
 * type is itself a settings record ({@code @ConfigurationProperties}) takes that record's defaults; an
 * {@code Optional} component without one is empty (a key that is off unless set).
 */
public final class SettingsDefaults {

    // records are immutable: build each once (defaults() is called all over the tests)
    private static final ClassValue<Object> DEFAULTS = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            return build(type);
        }
    };

    private SettingsDefaults() {
    }

    /** The record with every component at its default; a component without one is a programming error. */
    public static <R extends Record> R of(Class<R> type) {
        return type.cast(DEFAULTS.get(type));
    }

    private static Object build(Class<?> type) {
        ConfigurationProperties properties = type.getAnnotation(ConfigurationProperties.class);
        if (!type.isRecord() || properties == null) {
            throw new IllegalArgumentException(type.getName() + " is not a @ConfigurationProperties record");
        }
        RecordComponent[] components = type.getRecordComponents();
        Constructor<?> canonical;
        try {
            canonical = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
        Parameter[] parameters = canonical.getParameters();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String key = properties.value() + "." + NameUtils.hyphenate(components[i].getName());
            values[i] = defaultOf(key, components[i], parameters[i]);
        }
        try {
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the defaults of " + type.getSimpleName() + " are refused: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    private static Object defaultOf(String key, RecordComponent component, Parameter parameter) {
        Class<?> type = component.getType();
        if (type.isRecord() && type.isAnnotationPresent(ConfigurationProperties.class)) {
            return DEFAULTS.get(type);
        }
        Bindable bindable = parameter.getAnnotation(Bindable.class);
        if (type == Optional.class && (bindable == null || bindable.defaultValue().isEmpty())) {
            return Optional.empty(); // an optional key (e.g. a file to write) is unset by default
        }
        if (bindable == null || bindable.defaultValue().isEmpty()) {
            throw new IllegalStateException(key + " has no default: give its component @Bindable(defaultValue = ...)");
        }
        return ConversionService.SHARED.convert(bindable.defaultValue(), Argument.of(component.getGenericType()))
                .orElseThrow(() -> new IllegalStateException("the default of " + key + " ('" + bindable.defaultValue()
                        + "') does not convert to " + component.getGenericType().getTypeName()));
    }
}
