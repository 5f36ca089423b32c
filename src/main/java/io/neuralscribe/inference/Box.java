package io.neuralscribe.inference;

/**
 * An axis-aligned rectangle in the writing's own coordinates (canvas pixels for strokes, image
 * pixels for pictures), y down.
 */
public record Box(double x, double y, double width, double height) {

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double centerX() {
        return x + width / 2;
    }

    /** The smallest box holding both. */
    public Box union(Box other) {
        double left = Math.min(x, other.x);
        double top = Math.min(y, other.y);
        return new Box(left, top, Math.max(right(), other.right()) - left, Math.max(bottom(), other.bottom()) - top);
    }

    /** {@code {minX, minY, maxX, maxY}} as {@code StrokeRenderer.bounds} gives them. */
    static Box fromBounds(double[] bounds) {
        return new Box(bounds[0], bounds[1], bounds[2] - bounds[0], bounds[3] - bounds[1]);
    }
}
