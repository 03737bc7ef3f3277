package dev.lazarus.check;

import dev.lazarus.api.Host;
import dev.lazarus.api.NodeInfo;
import dev.lazarus.api.RunInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;

/** A {@code @NodeCheck} or {@code @BeforeInstall} method of a scenario class, checked to be callable. */
public record ScenarioMethod(Method method) {

    /** What a scenario method may take, in any order. */
    static final Set<Class<?>> PARAMETERS = Set.of(Host.class, NodeInfo.class, RunInfo.class);

    /** The name a check is known by: its method's. */
    public String name() {
        return method.getName();
    }

    public boolean isStatic() {
        return Modifier.isStatic(method.getModifiers());
    }

    /** The method's parameter types as JUnit's {@code MethodSource} names them ({@code dev.lazarus.api.Host}). */
    public String parameterTypes() {
        StringBuilder b = new StringBuilder();
        for (Class<?> p : method.getParameterTypes()) {
            b.append(b.length() == 0 ? "" : ",").append(p.getName());
        }
        return b.toString();
    }

    /** The JVM descriptor of the method, as its class file names it. */
    String descriptor() {
        StringBuilder b = new StringBuilder(method.getName()).append('(');
        for (Class<?> p : method.getParameterTypes()) {
            b.append(descriptor(p));
        }
        return b.append(')').append(descriptor(method.getReturnType())).toString();
    }

    private static String descriptor(Class<?> type) {
        if (type.isArray()) {
            return "[" + descriptor(type.getComponentType());
        }
        if (!type.isPrimitive()) {
            return "L" + type.getName().replace('.', '/') + ";";
        }
        return switch (type.getName()) {
            case "int" -> "I";
            case "long" -> "J";
            case "boolean" -> "Z";
            case "byte" -> "B";
            case "char" -> "C";
            case "short" -> "S";
            case "float" -> "F";
            case "double" -> "D";
            default -> "V";
        };
    }
}
