// The pen's look, for every canvas a person writes on (painted by penSurface.js): round caps and
// joins, a dot for a one-point stroke, quadratic curves through the midpoints with each point as
// control point.

/**
 * Paints strokes onto a 2D context.
 * @param points of each stroke: [[x, y, …], …] in the strokes' own units
 * @param sx, sy scale from those units to the canvas's pixels
 */
export function paintStrokes(ctx, strokes, sx, sy, lineWidth, color) {
  ctx.lineWidth = lineWidth;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  for (const pts of strokes) {
    if (pts.length === 0) continue;
    if (pts.length === 1) {
      ctx.beginPath();
      ctx.arc(pts[0][0] * sx, pts[0][1] * sy, lineWidth / 2, 0, Math.PI * 2);
      ctx.fill();
      continue;
    }
    ctx.beginPath();
    ctx.moveTo(pts[0][0] * sx, pts[0][1] * sy);
    for (let i = 1; i < pts.length - 1; i++) {
      const [x, y] = pts[i];
      const [nx, ny] = pts[i + 1];
      ctx.quadraticCurveTo(x * sx, y * sy, ((x + nx) / 2) * sx, ((y + ny) / 2) * sy);
    }
    const last = pts[pts.length - 1];
    ctx.lineTo(last[0] * sx, last[1] * sy);
    ctx.stroke();
  }
}
