import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
  type ValidationPipeOptions,
} from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { surelyValid } from './compiled-checks';
import { refuseInheritedNames, refuseUnsafeQuery } from './request-hygiene';

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

/** The framework's pipe, after the checks its whitelist cannot make (see request-hygiene.ts). */
class HardenedValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      if (metadata.metatype && (value === null || typeof value !== 'object' || Array.isArray(value))) {
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: 'the body must be a JSON object of the fields this command takes',
        });
      }
      refuseInheritedNames(value);
    }
    if (metadata.type === 'query') refuseUnsafeQuery(value);
    return super.transform(value, metadata) as Promise<unknown>;
  }

  /** A DTO that surely passes its rules needs no class-validator run; any other gets one (compiled-checks.ts). */
  protected override validate(object: object, options?: ValidatorOptions) {
    return surelyValid(object) ? [] : super.validate(object, options);
  }
}

/**
 * Bodies and query strings are validated against their DTO classes: unknown fields are
 * refused (a typo must not pass silently), and the 400 answer names every bad field.
 */
export function createValidationPipe(): ValidationPipe {
  return new HardenedValidationPipe({
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
