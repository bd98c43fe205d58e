// A graphic asked for in a way that cannot be drawn (a chart by an unknown key, a map kind that does not exist).
export class GraphicRequestError extends Error {
  constructor(
    message: string,
    /** The option at fault ("by", "kind", "format"). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'GraphicRequestError';
  }
}

export const badGraphic = (message: string, field?: string) => new GraphicRequestError(message, field);
