/* What the shared library libcotation.so exports: it is built with hidden visibility, so only
 * the declarations marked here are visible to a program that links it.
 *   COTATION_API            one C function of cotation.h
 *   COTATION_PUBLIC_BEGIN   the C++ declarations of a public header, up to COTATION_PUBLIC_END
 * Nothing to define by a consumer: with the static library the marks change nothing. */
#ifndef COTATION_EXPORT_H
#define COTATION_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define COTATION_API __attribute__((visibility("default")))
#define COTATION_PUBLIC_BEGIN _Pragma("GCC visibility push(default)")
#define COTATION_PUBLIC_END _Pragma("GCC visibility pop")
#else
#define COTATION_API
#define COTATION_PUBLIC_BEGIN
#define COTATION_PUBLIC_END
#endif

#endif
