package it.segreteria.voicemail.it.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that gives tests the running {@link Service}. The service starts with the first
 * test class that asks for it and stops when the whole suite ends (it lives in the root context's
 * store).
 */
public final class VoicemailService implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Service.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Service.class, key -> start(), Service.class);
    }

    private static Service start() {
        try {
            return Service.start();
        } catch (Exception e) {
            throw new ParameterResolutionException("the voicemail service did not start", e);
        }
    }
}
