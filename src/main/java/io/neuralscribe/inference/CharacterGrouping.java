package io.neuralscribe.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Groups the pieces of a written line — pen strokes, or connected blobs of ink in a picture — into
 * characters, and finds the spaces between words. Only the pieces' boxes (and, for strokes, their
 * times) are used, so strokes and pictures are segmented by the same rules, all measured against
 * the writing's own height {@code H} (below): nothing depends on how large a person writes.
 *
 * <p><b>Height.</b> {@code H} is the median height of the "tall" pieces (at least 0.4× the tallest),
 * which leaves out dots, crossbars and dashes; a line of only flat pieces falls back to its widest.
 *
 * <p><b>Characters.</b> Two pieces belong to one character when their ink comes within
 * {@value #TOUCH}·H of each other (a stroke that starts on another, a bar put to a stem: separated
 * print never touches its neighbour); for pictures, touching ink is already one piece. Two pieces
 * that are not small also belong to one character when the centre of one
 * lies over the other (its x-interval widened by {@value #MARGIN}·H) — a crossbar over its stem
 * ({@code t}, {@code f}, {@code T}), a stem inside a bow ({@code b}, {@code D}, {@code K}), two bars
 * ({@code =}) — or when they overlap horizontally by at least half the narrower one (widths counted
 * as at least {@value #MIN_WIDTH}·H, since a stem has none), or by {@value #STACKED_OVERLAP} of it
 * when one lies wholly above the other, or by {@value #QUICK_OVERLAP} of it when
 * the second was begun within {@value #QUICK_MS} ms of the first one's end (a pen lifted and put back
 * at once is usually the same character). Joining is transitive: {@code H}'s bar joins both stems.
 * A small piece (both sides under {@value #SMALL}·H: the dot of {@code i} or {@code j}) then joins
 * the nearest character horizontally when it is within {@value #DOT_REACH}·H of it and not far
 * above or below it; otherwise it stays a character of its own.
 *
 * <p><b>Spaces.</b> Characters are ordered left to right by their boxes' left edges. A gap between
 * neighbours starts a word when it is at least {@value #SPACE}·H, or at least {@value #SMALL_SPACE}·H
 * and {@value #SPACE_RATIO}× the line's median gap (a writer who spaces letters widely spaces words
 * more widely still).
 *
 * <p><b>Joined writing.</b> A character wider than {@value #JOINED_WIDTH}× the larger of {@code H} and
 * its own height is flagged as probably several letters written together: cursive and touching
 * letters are not separated — the flag lets the page say so instead of pretending.
 */
public final class CharacterGrouping {
    static final double MARGIN = 0.06;
    static final double TOUCH = 0.08;
    static final double MIN_WIDTH = 0.1;
    static final double OVERLAP = 0.5;
    static final double QUICK_OVERLAP = 0.3;
    static final double STACKED_OVERLAP = 0.25;
    static final double QUICK_MS = 400;
    static final double SMALL = 0.25;
    static final double DOT_REACH = 0.2;
    static final double SPACE = 0.8;
    static final double SMALL_SPACE = 0.5;
    static final double SPACE_RATIO = 1.6;
    static final double JOINED_WIDTH = 1.5;
    private static final double TALL = 0.4;

    private CharacterGrouping() {}

    /**
     * One piece of ink.
     *
     * @param startMs when the pen went down, or NaN when unknown
     * @param endMs when it was lifted, or NaN when unknown
     */
    public record Piece(Box box, double startMs, double endMs) {
        public static Piece untimed(Box box) {
            return new Piece(box, Double.NaN, Double.NaN);
        }
    }

    /**
     * One character.
     *
     * @param pieces indices into the pieces given, in their original order
     * @param spaceBefore true when a word starts here (never for the first character)
     * @param joined true when it looks like several letters written together
     */
    public record Group(int[] pieces, Box box, boolean spaceBefore, boolean joined) {}

    /** The characters, left to right, and the height everything was measured against. */
    public record Result(List<Group> groups, double height) {}

    /** How far apart two pieces' ink is, for pieces whose ink may touch; see {@link #group(List, Distance)}. */
    @FunctionalInterface
    public interface Distance {
        /** The least distance between the ink of pieces {@code i} and {@code j}. */
        double between(int i, int j);
    }

    /** Groups pieces that touch only when one holds the other's box (pictures: touching ink is one piece). */
    public static Result group(List<Piece> pieces) {
        return group(pieces, null);
    }

    /** @param distance the ink distance between pieces, or {@code null} when pieces never touch */
    public static Result group(List<Piece> pieces, Distance distance) {
        if (pieces.isEmpty()) {
            return new Result(List.of(), 0);
        }
        double h = height(pieces);
        int n = pieces.size();
        int[] parent = new int[n];
        Arrays.setAll(parent, i -> i);
        boolean[] small = new boolean[n];
        for (int i = 0; i < n; i++) {
            Box b = pieces.get(i).box();
            small[i] = Math.max(b.width(), b.height()) < SMALL * h;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (find(parent, i) == find(parent, j)) {
                    continue;
                }
                if ((!small[i] && !small[j] && sameCharacter(pieces.get(i), pieces.get(j), h))
                        || touching(pieces.get(i).box(), pieces.get(j).box(), i, j, distance, h)) {
                    union(parent, i, j);
                }
            }
        }
        attachDots(pieces, small, parent, h);

        List<List<Integer>> members = new ArrayList<>();
        int[] slot = new int[n];
        Arrays.fill(slot, -1);
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (slot[root] < 0) {
                slot[root] = members.size();
                members.add(new ArrayList<>());
            }
            members.get(slot[root]).add(i);
        }
        List<Box> boxes = new ArrayList<>();
        for (List<Integer> m : members) {
            Box box = pieces.get(m.get(0)).box();
            for (int i : m) {
                box = box.union(pieces.get(i).box());
            }
            boxes.add(box);
        }
        Integer[] order = new Integer[members.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer g) -> boxes.get(g).x())
                .thenComparingDouble(g -> boxes.get(g).right()));
        boolean[] spaces = spaces(Arrays.stream(order).map(boxes::get).toList(), h);
        List<Group> groups = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            Box box = boxes.get(order[k]);
            boolean joined = box.width() > JOINED_WIDTH * Math.max(h, box.height());
            groups.add(new Group(members.get(order[k]).stream().mapToInt(Integer::intValue).toArray(), box,
                    spaces[k], joined));
        }
        return new Result(List.copyOf(groups), h);
    }

    /** The median height of the tall pieces; the widest piece's width for a line of flat ones. */
    static double height(List<Piece> pieces) {
        double tallest = pieces.stream().mapToDouble(p -> p.box().height()).max().orElse(0);
        double[] tall = pieces.stream().mapToDouble(p -> p.box().height())
                .filter(v -> v >= TALL * tallest && v > 0).sorted().toArray();
        if (tall.length > 0) {
            return tall[tall.length / 2];
        }
        double widest = pieces.stream().mapToDouble(p -> p.box().width()).max().orElse(0);
        return widest > 0 ? widest : 1;
    }

    private static boolean sameCharacter(Piece p, Piece q, double h) {
        Box a = p.box();
        Box b = q.box();
        double margin = MARGIN * h;
        if (within(b.centerX(), a, margin) || within(a.centerX(), b, margin)) {
            return true;
        }
        double overlap = Math.min(a.right(), b.right()) - Math.max(a.x(), b.x());
        double narrower = Math.max(MIN_WIDTH * h, Math.min(a.width(), b.width()));
        double share = overlap / narrower;
        if (share >= OVERLAP) {
            return true;
        }
        // One above the other (a 5's flag over its body): neighbours stand side by side, never stacked.
        boolean stacked = a.bottom() < b.y() || b.bottom() < a.y();
        if (stacked && share >= STACKED_OVERLAP) {
            return true;
        }
        return share >= QUICK_OVERLAP && quicklyFollowed(p, q);
    }

    /** Whether the ink of two pieces comes within {@link #TOUCH}·H; the boxes are checked first, cheaply. */
    private static boolean touching(Box a, Box b, int i, int j, Distance distance, double h) {
        if (distance == null) {
            return false;
        }
        double reach = TOUCH * h;
        double dx = Math.max(0, Math.max(a.x() - b.right(), b.x() - a.right()));
        double dy = Math.max(0, Math.max(a.y() - b.bottom(), b.y() - a.bottom()));
        return dx <= reach && dy <= reach && distance.between(i, j) <= reach;
    }

    private static boolean within(double x, Box box, double margin) {
        return x >= box.x() - margin && x <= box.right() + margin;
    }

    /** True when one piece was begun within {@link #QUICK_MS} of the other's end (known times only). */
    private static boolean quicklyFollowed(Piece p, Piece q) {
        Piece first = p.startMs() <= q.startMs() ? p : q;
        Piece second = first == p ? q : p;
        double pause = second.startMs() - first.endMs();
        return pause >= 0 && pause <= QUICK_MS;
    }

    /** Each small piece joins the horizontally nearest character that has a piece within reach. */
    private static void attachDots(List<Piece> pieces, boolean[] small, int[] parent, double h) {
        for (int i = 0; i < pieces.size(); i++) {
            if (!small[i]) {
                continue;
            }
            Box dot = pieces.get(i).box();
            double cx = dot.centerX();
            double cy = dot.y() + dot.height() / 2;
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int j = 0; j < pieces.size(); j++) {
                if (small[j]) {
                    continue;
                }
                Box stem = pieces.get(j).box();
                // Not far above (an i's dot floats about half a height over its stem) nor below.
                if (cy < stem.y() - h || cy > stem.bottom() + 0.5 * h) {
                    continue;
                }
                double distance = Math.max(0, Math.max(stem.x() - cx, cx - stem.right()));
                // Among stems the dot is over, the one whose centre is nearest.
                double tie = Math.abs(stem.centerX() - cx) * 1e-6;
                if (distance <= DOT_REACH * h && distance + tie < bestDistance) {
                    best = j;
                    bestDistance = distance + tie;
                }
            }
            if (best >= 0) {
                union(parent, i, best);
            }
        }
    }

    /** For boxes in reading order: whether each starts a word. */
    static boolean[] spaces(List<Box> boxes, double h) {
        boolean[] space = new boolean[boxes.size()];
        if (boxes.size() < 2) {
            return space;
        }
        double[] gaps = new double[boxes.size() - 1];
        for (int k = 1; k < boxes.size(); k++) {
            gaps[k - 1] = boxes.get(k).x() - boxes.get(k - 1).right();
        }
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        double median = Math.max(0.05 * h, sorted[sorted.length / 2]);
        for (int k = 1; k < boxes.size(); k++) {
            double gap = gaps[k - 1];
            space[k] = gap >= SPACE * h || (gaps.length >= 3 && gap >= SMALL_SPACE * h && gap >= SPACE_RATIO * median);
        }
        return space;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }
}
