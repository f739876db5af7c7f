package dev.stallkeeper.platform;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A workflow's table of legal moves: (state, action) to the next state. Pure and immutable; the domain's
 * entities ask it before they move, so a refused move never changes anything.
 *
 * @param <S> the workflow's states
 * @param <A> the actions people (or the system) take
 */
public final class Transitions<S extends Enum<S>, A extends Enum<A>> {

    private final Class<A> actions;
    private final Map<S, Map<A, S>> table;

    private Transitions(Class<S> states, Class<A> actions) {
        this.actions = actions;
        this.table = new EnumMap<>(states);
    }

    public static <S extends Enum<S>, A extends Enum<A>> Transitions<S, A> of(Class<S> states, Class<A> actions) {
        return new Transitions<>(states, actions);
    }

    /** Declares a legal move (building only: call while constructing the table). */
    public Transitions<S, A> allow(S from, A action, S to) {
        table.computeIfAbsent(from, s -> new EnumMap<>(actions)).put(action, to);
        return this;
    }

    /** The next state, or empty when the action is not allowed in {@code from}. */
    public Optional<S> next(S from, A action) {
        Map<A, S> moves = table.get(from);
        return moves == null ? Optional.empty() : Optional.ofNullable(moves.get(action));
    }

    /** The actions allowed in {@code from} (what the console offers as buttons). */
    public Set<A> allowed(S from) {
        Map<A, S> moves = table.get(from);
        return moves == null ? Set.of() : Set.copyOf(moves.keySet());
    }
}
