/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kasan-rs: the C functions of glue.c that the Rust crate calls (bindgen
 * turns these prototypes into the crate's declarations: see Kbuild), and
 * the two Rust functions of mode_switch.rs that glue.c calls.
 */
#ifndef _MM_KASAN_RS_GLUE_H
#define _MM_KASAN_RS_GLUE_H

#include <linux/types.h>

struct kmem_cache;
struct page;
struct slab;
struct static_key;
struct vm_struct;

/* Defined in mode_switch.rs, called by glue.c. */
int kasan_rs_mode_set(const char *val);
int kasan_rs_mode_get(char *buf, size_t size);
/* For mode_switch.rs. */
void kasan_rs_on_each_online_cpu(void (*fn)(void *));

long kasan_rs_page_alloc_skip_dec_return(void);
void kasan_rs_page_alloc_skip_set(long value);

struct slab *kasan_rs_virt_to_slab(const void *addr);
void kasan_rs_slab_bounds(const void *addr, unsigned long *start, unsigned long *end);
struct kmem_cache *kasan_rs_slab_cache(const struct slab *slab);
void *kasan_rs_nearest_obj(struct kmem_cache *cache, const struct slab *slab, void *addr);
void *kasan_rs_slab_nearest_obj(struct kmem_cache *cache, const void *addr);
bool kasan_rs_virt_addr_valid(const void *addr);
struct page *kasan_rs_slab_page(struct slab *slab);
void *kasan_rs_page_address(const struct page *page);
unsigned long kasan_rs_page_size(struct page *page);
struct page *kasan_rs_virt_to_page(const void *addr);
struct page *kasan_rs_virt_to_head_page(const void *addr);
bool kasan_rs_vm_area_pages(const void *addr, struct page ***pages, unsigned int *nr_pages);
void **kasan_rs_vm_struct_addr(struct vm_struct *vm);
unsigned long kasan_rs_vm_struct_size(const struct vm_struct *vm);
void kasan_rs_clear_highpage_kasan_tagged(struct page *page);
void kasan_rs_static_key_set(struct static_key *key, bool on);
bool kasan_rs_system_supports_mte(void);
void kasan_rs_check_tfsr_exit(void);
void kasan_rs_warn(const char *what);

unsigned long kasan_rs_ring_read_lock(void);
void kasan_rs_ring_read_unlock(unsigned long flags);
unsigned long kasan_rs_ring_write_lock(void);
void kasan_rs_ring_write_unlock(unsigned long flags);
unsigned long kasan_rs_report_lock(void);
void kasan_rs_report_unlock(unsigned long flags);
void kasan_rs_suppress_tag_checks_start(void);
void kasan_rs_suppress_tag_checks_stop(void);
void kasan_rs_lockdep_off(void);
void kasan_rs_lockdep_on(void);
void kasan_rs_disable_trace_on_warning(void);
void kasan_rs_trace_error_report_end(unsigned long addr);
void kasan_rs_fail_current_kunit_test(void);
u32 kasan_rs_raw_cpu(void);
u64 kasan_rs_local_clock(void);
const char *kasan_rs_current_comm(void);
const char *kasan_rs_cache_name(const struct kmem_cache *cache);
bool kasan_rs_addr_is_variable(const void *addr);
bool kasan_rs_object_is_on_stack(const void *addr);
bool kasan_rs_is_vmalloc_addr(const void *addr);
void *kasan_rs_memblock_alloc(size_t size);
unsigned long kasan_rs_irq_stack_low(void);
unsigned int kasan_rs_nr_cpu_ids(void);

/* Defined in stack_ring.rs, exported by glue.c for testing/stack-capture. */
unsigned int kasan_rs_stack_trace_save(unsigned long *store, unsigned int size,
				       bool *generic);

#endif /* _MM_KASAN_RS_GLUE_H */
