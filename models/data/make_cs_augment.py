#!/usr/bin/env python3
"""Writes models/data/cs_augment.tsv: in-domain customer-service chat for training.

Why: every shared corpus is product *reviews*. A model trained only on them reads polite
customer-service questions ("请问什么时候发货", "能开发票吗") as 0.9+ negative, because in
reviews a question about shipping usually comes from a complaint. This file teaches the model
the chat register: calm questions and requests (label 1, "not negative") and irritated or
angry chat messages (label 0, "negative"), in the corpora's label convention.

Provenance: every fragment below was written by hand for moodwatch (MIT, like the crate). They
are NOT copied from any test fixture; the separate check set models/data/cs_check.tsv was
written independently, and `train.py` asserts that no check-set text occurs here.

The rows are fragment combinations (greeting + core + ending), sampled with a fixed seed, so
re-running this script reproduces the committed file byte for byte.
"""
from __future__ import annotations

import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "cs_augment.tsv"

GREET = ["", "", "", "亲，", "你好，", "您好，", "在吗，", "客服，", "老板，", "hello，", "麻烦问下，", "打扰一下，"]
CALM_END = ["", "", "？", "?", "呢？", "呀", "哈", "，谢谢", "，谢谢啦", "，麻烦了", "～", "，辛苦了"]
ANGRY_END = ["", "", "！", "！！", "？？？", "!!!", "。", "，服了", "，无语", "，气死了"]

PRODUCT = ["这件衣服", "这个耳机", "那双鞋", "这款手机", "洗发水", "热水器", "这本书", "水果", "牛奶", "电脑",
           "这个杯子", "裙子", "充电器", "面膜", "这套床品", "键盘", "行李箱", "奶粉", "台灯", "外套"]

CALM = [
    "请问什么时候发货", "今天下单今天能发吗", "发什么快递", "能发顺丰吗", "可以指定快递吗", "大概几天能到",
    "到{city}要几天", "能开发票吗", "发票可以开公司抬头吗", "电子发票怎么开", "增值税专用发票能开吗",
    "{p}还有货吗", "{p}有现货吗", "{p}什么时候补货", "{p}有优惠吗", "{p}是正品吗", "{p}保修多久",
    "{p}有没有赠品", "{p}是什么材质的", "{p}适合几岁的孩子", "{p}尺码偏大还是偏小", "我身高165穿什么码",
    "我体重120斤选哪个码", "可以帮我改一下地址吗", "地址写错了能改吗", "收件人电话能改一下吗",
    "可以晚几天发货吗", "能不能合并一起发", "两件能一起寄吗", "满减怎么用", "优惠券在哪里领", "有会员价吗",
    "能便宜一点吗", "可以包邮吗", "偏远地区包邮吗", "运费险有吗", "支持七天无理由退货吗", "怎么申请退货",
    "退货地址是哪里", "换货要怎么操作", "换个颜色可以吗", "想换大一码可以吗", "退款大概多久到账",
    "退款已经收到了", "收到了，挺好的", "东西收到了谢谢", "好的，我知道了", "好的没问题", "明白了谢谢",
    "那我再等等", "好的我等通知", "可以的，就按你说的办", "麻烦帮我备注一下", "帮我备注送货前打电话",
    "能放快递柜吗", "可以送货上门吗", "周末能送吗", "我下午不在家，能放门卫吗", "有安装服务吗",
    "安装要另外收费吗", "说明书在哪里下载", "怎么连接蓝牙", "充电要多长时间", "这个颜色和图片一样吗",
    "有没有实物图", "可以看看细节图吗", "能帮我推荐一款吗", "送人的话哪个好", "有礼盒包装吗", "能写贺卡吗",
    "保质期到什么时候", "生产日期是哪天", "需要冷藏吗", "怎么保存比较好", "{p}怎么清洗", "可以机洗吗",
    "这个价格含税吗", "能用花呗吗", "可以分期吗", "订单号发你了，帮我查一下", "帮我查下物流",
    "物流显示到哪里了", "快递单号是多少", "我想取消一件，可以吗", "拍错了能改吗", "我拍了两件，帮我确认下",
    "地址没问题，发吧", "好评已经给了", "挺满意的，下次还来", "质量不错，谢谢老板", "包装很好，谢谢",
    "客服态度很好，谢谢你", "辛苦了，祝你生活愉快", "嗯嗯好的", "收到", "OK", "好滴", "谢谢亲",
    "我再考虑一下", "先加购物车了", "想问一下活动什么时候开始", "双十一有活动吗", "预售什么时候发",
    "定金能退吗", "尾款什么时候付", "赠品会一起发吗", "有没有小样", "能帮我挑个日期新一点的吗",
    "这个适合油皮吗", "敏感肌能用吗", "孕妇能用吗", "老人用方便吗", "是国行吗", "支持全国联保吗",
    "屏幕是什么尺寸", "内存多大", "有几种颜色", "有没有大一点的尺寸", "能不能寄到公司", "能开收据吗",
    "开票信息发你了，请查收", "请问售后电话是多少", "在吗，想咨询一下", "有人在吗", "问一下",
    "我想了解一下{p}", "{p}和另外一款有什么区别", "{p}能用多久", "{p}重不重",
]

ANGRY = [
    "怎么还不发货", "说好的48小时发货呢", "都一个星期了还没发货", "催了三次了还不发", "到底什么时候发货",
    "物流五天没更新了", "快递一直不动，你们管不管", "人呢？回个话啊", "问了半天没人理", "客服死哪去了",
    "你们客服是机器人吗", "能不能给个准话", "一直让我等等等", "别再复制粘贴了", "答非所问",
    "{p}收到就是坏的", "{p}是坏的，怎么回事", "{p}用了一天就坏了", "{p}质量太差了", "{p}跟图片完全不一样",
    "{p}是假货吧", "{p}有股怪味", "{p}发错颜色了", "{p}尺码发错了", "少发了一件", "东西漏发了",
    "收到的是二手的吧", "包装都烂了", "里面都碎了", "水果都烂了一半", "牛奶过期了", "过期的东西也敢卖",
    "退款申请为什么被拒绝", "退款拖了半个月了", "钱什么时候退给我", "不给退就投诉你们", "我要投诉",
    "我要给差评", "等着差评吧", "必须给我个说法", "太坑了", "骗子店铺", "黑心商家", "再也不会买了",
    "垃圾质量", "垃圾服务", "态度真差", "什么破东西", "简直是在骗人", "我很生气", "太让人失望了",
    "浪费我时间", "耽误我大事了", "气死我了", "真的无语了", "你们还讲不讲理", "这就是你们的服务？",
    "别跟我说抱歉，我要解决办法", "找你们领导来", "再不处理我就打12315", "我要去消协投诉", "我要报警",
    "我要申请平台介入", "已经举报了", "凭什么不能退", "明明是你们的问题", "为什么要我出运费",
    "说好的包邮又收运费", "价格刚买就降了，坑人", "保价为什么不给", "赠品也没有，骗人的吧", "发票一直不给开",
    "说能开发票现在又不开", "地址让你改你没改", "让你备注了还是送错", "快递员态度恶劣", "快递给我扔门口丢了",
    "说是顺丰结果发的别的", "一点诚信都没有", "什么玩意儿", "有病吧", "烦死了", "滚", "你们是不是不想干了",
    "等了这么久就这？", "敷衍谁呢", "别再让我等了", "我已经忍很久了", "第三次问了，到底有没有人管",
    "{p}穿一次就开线了", "{p}根本不能用", "{p}充不进电", "{p}漏水", "{p}一股塑料味，熏死人",
    "客服一直不回消息", "机器人回复有什么用", "你们这是欺诈", "退货寄回去了怎么还不退款", "我要退货退款，马上",
    "差评预定", "以后再也不来了", "亏我还是老客户", "这么差的质量还敢卖这么贵", "被坑了", "失望透顶",
]

CITY = ["北京", "上海", "广州", "成都", "新疆", "西藏", "哈尔滨", "海南", "深圳", "杭州"]


def expand(core: str, rng: random.Random) -> str:
    return core.replace("{p}", rng.choice(PRODUCT)).replace("{city}", rng.choice(CITY))


def rows(rng: random.Random):
    out = set()
    for label, cores, ends, per in ((1, CALM, CALM_END, 3), (0, ANGRY, ANGRY_END, 3)):
        for core in cores:
            for _ in range(per):
                text = rng.choice(GREET) + expand(core, rng) + rng.choice(ends)
                out.add((label, text))
    return sorted(out)


def main() -> None:
    rng = random.Random(20240505)
    lines = ["# moodwatch customer-service augmentation; label 1 = calm/not negative, 0 = negative.",
             "# Generated by models/data/make_cs_augment.py (hand-written fragments, fixed seed).",
             "label\ttext"]
    lines += [f"{label}\t{text}" for label, text in rows(rng)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 3} rows to {OUT}")


if __name__ == "__main__":
    main()
