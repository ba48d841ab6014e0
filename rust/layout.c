// SPDX-License-Identifier: GPL-2.0
/*
 * kasan-rs: the offsets and constants of C structures that the Rust hot
 * paths read directly, turned by Kbuild into Rust constants
 * (layout_constants.rs), the way arch asm-offsets.c becomes asm-offsets.h.
 * Never linked: only compiled to assembly, and the "->NAME value" markers
 * read out of it. Each field's size is checked here, the values in Rust.
 */

#include <linux/build_bug.h>
#include <linux/kfence.h>
#include <linux/kbuild.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/slab.h>

#include "../../../slab.h"

#define FIELD_SIZE(type, field) sizeof(((type *)0)->field)

int main(void)
{
	/* struct kmem_cache: read on every slab alloc and free. */
	DEFINE(KMEM_CACHE_OBJECT_SIZE, offsetof(struct kmem_cache, object_size));
	DEFINE(KMEM_CACHE_FLAGS, offsetof(struct kmem_cache, flags));
	DEFINE(KMEM_CACHE_CTOR, offsetof(struct kmem_cache, ctor));
	DEFINE(KMEM_CACHE_SIZE, offsetof(struct kmem_cache, size));
	DEFINE(SLAB_FLAG_TYPESAFE_BY_RCU, (__force unsigned int)SLAB_TYPESAFE_BY_RCU);
	DEFINE(SLAB_FLAG_KMALLOC, (__force unsigned int)SLAB_KMALLOC);
	BUILD_BUG_ON(FIELD_SIZE(struct kmem_cache, object_size) != 4);
	BUILD_BUG_ON(FIELD_SIZE(struct kmem_cache, flags) != 4);
	BUILD_BUG_ON(FIELD_SIZE(struct kmem_cache, ctor) != sizeof(void *));
	BUILD_BUG_ON(FIELD_SIZE(struct kmem_cache, size) != 4);

	/* struct page and the linear map: page_to_virt(), page_kasan_tag*(). */
	DEFINE(STRUCT_PAGE_SIZE, sizeof(struct page));
	DEFINE(PAGE_FLAGS, offsetof(struct page, flags));
	DEFINE(PAGE_KASAN_TAG_SHIFT, KASAN_TAG_PGSHIFT);
	DEFINE(PAGE_KASAN_TAG_MASK, KASAN_TAG_MASK);
	DEFINE(LINEAR_MAP_START, PAGE_OFFSET);
	DEFINE(VMEMMAP_BASE, VMEMMAP_START);
	BUILD_BUG_ON(FIELD_SIZE(struct page, flags) != sizeof(unsigned long));

#ifdef CONFIG_KFENCE
	/* KFENCE's pool, which every hook skips: is_kfence_address(). */
	DEFINE(KFENCE_POOL_BYTES, KFENCE_POOL_SIZE);
#endif
	return 0;
}
