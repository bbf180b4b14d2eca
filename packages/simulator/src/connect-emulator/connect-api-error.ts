/** The error types the emulator answers with, and their HTTP status (from the SDK's model). */
export const connectErrorStatus = {
  ThrottlingException: 429,
  InvalidParameterException: 400,
  InvalidRequestException: 400,
  ResourceNotFoundException: 404,
  InternalServiceException: 500,
  AccessDeniedException: 403,
  UnknownOperationException: 404,
} as const;

/** One of the error types in `connectErrorStatus`. */
export type ConnectErrorType = keyof typeof connectErrorStatus;

/**
 * A failure to answer as Connect would: the emulator writes it as an `x-amzn-ErrorType` header
 * and a JSON `{ "Message": … }` body, which the SDK turns into the modelled exception class.
 */
export class ConnectApiError extends Error {
  readonly code: ConnectErrorType;
  readonly status: number;

  constructor(type: ConnectErrorType, message: string) {
    super(message);
    this.name = "ConnectApiError";
    this.code = type;
    this.status = connectErrorStatus[type];
  }
}

/** `InvalidParameterException` for a bad request field, worded like the service's validation. */
export function invalidParameter(message: string): ConnectApiError {
  return new ConnectApiError("InvalidParameterException", message);
}
