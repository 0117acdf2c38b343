import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** One bad field of a request, as the 400 answer lists it. */
export interface FieldError {
  field: string;
  messages: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    // A missing field gets one clear sentence, not every rule its absent value breaks.
    const missing =
      (error.value === undefined || error.value === null) && !error.constraints?.whitelistValidation;
    const messages = error.constraints ? Object.values(error.constraints) : [];
    const required = [
      `${field} is required`,
      ...(error.constraints?.isIn ? [error.constraints.isIn] : []),
    ].join(': ');
    const own = messages.length ? [{ field, messages: missing ? [required] : messages }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Bodies and query strings are validated against their DTO classes: unknown fields are
 * refused (a typo must not pass silently), and the 400 answer names every bad field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => {
      const fields = flatten(errors).map((e) =>
        e.messages.some((m) => m.includes('should not exist'))
          ? { field: e.field, messages: [`${e.field} is not a known field; remove it or check its spelling`] }
          : e,
      );
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: fields.map((f) => f.messages.join('; ')).join('; '),
        fields,
      });
    },
  });
}
