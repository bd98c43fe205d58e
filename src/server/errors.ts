// An error the server raises itself, with the status it answers.
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, field?: string) => new ApiError(400, 'invalid', message, field);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const unavailable = (message: string) => new ApiError(503, 'unavailable', message);
