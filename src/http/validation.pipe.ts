import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** One bad field of a request, as the 400 answer lists it. */
export interface FieldError {
  field: string;
  messages: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
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
    validationError: { target: false, value: false },
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
