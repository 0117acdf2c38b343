import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import type { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ACCESS_RULE, type AccessRule } from './access.decorator';

/** One HTTP route of the engine's controllers and the access rule it declares (undefined: none). */
export interface DeclaredRoute {
  method: string;
  path: string;
  rule: AccessRule | undefined;
}

const joinPath = (...parts: Array<string | undefined>): string =>
  '/' +
  parts
    .flatMap((part) => (part ?? '').split('/'))
    .filter((segment) => segment.length > 0)
    .join('/');

/**
 * Every route of every controller with its access rule, read from the same metadata the
 * AccessGuard reads: the start refuses a route without one, and the access-matrix spec
 * enumerates them.
 */
export function declaredRoutes(discovery: DiscoveryService, scanner: MetadataScanner): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    const base = Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string | undefined;
    const classRule = Reflect.getMetadata(ACCESS_RULE, wrapper.metatype) as AccessRule | undefined;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      routes.push({
        method: RequestMethod[method],
        path: joinPath(base, path),
        rule: (Reflect.getMetadata(ACCESS_RULE, handler) as AccessRule | undefined) ?? classRule,
      });
    }
  }
  return routes;
}
