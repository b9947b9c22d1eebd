"""Every word the kiosk shows or says, in Korean (default) and English. Short, plain, polite."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "start_over": ("처음으로", "Start over"),
    "help": ("도움 요청", "Get help"),  # "Call for help" does not fit beside "Start over" at 200 %
    "replay": ("다시 듣기", "Hear again"),
    "bigger": ("글자 크게", "Bigger text"),
    "normal_size": ("글자 보통", "Normal text"),
    "other_language": ("English", "한국어"),
    "tools": ("글자·소리", "Text, sound"),
    "tools_short": ("설정", "Options"),
    "previous": ("이전", "Back"),
    "next": ("다음", "Next"),
    "page": ("{page}/{pages}쪽", "{page} of {pages}"),
    "welcome": ("어서 오세요", "Welcome"),
    "start_say": ("상품의 바코드를 스캐너에 대 주세요.", "Hold an item's barcode to the scanner."),
    "pick_items": ("바코드 없는 상품 고르기", "Items without a barcode"),
    "pick_title": ("상품 고르기", "Choose an item"),
    "pick_say": ("담을 상품을 눌러 주세요.", "Touch the item you want."),
    "pick_none": ("고를 수 있는 상품이 없습니다.", "There are no items to choose."),
    "cart_title": ("담은 상품", "Your items"),
    "cart_say": ("상품을 더 스캔하거나, 결제하기를 눌러 주세요.", "Scan more items, or touch Pay."),
    "cart_empty": ("아직 담은 상품이 없습니다.", "No items yet."),
    "total": ("합계 {total}원 ({count}개)", "Total {total} won ({count} items)"),
    "line": ("{name} {qty}개 {amount}원", "{name} × {qty}  {amount} won"),
    "pay": ("결제하기", "Pay"),
    "change_amounts": ("수량 바꾸기", "Change amounts"),
    "more_items": ("상품 더 고르기", "Add items"),
    "edit_title": ("수량 바꾸기", "Change amounts"),
    "edit_say": ("빼기나 더하기를 눌러 수량을 바꾸세요.", "Touch minus or plus to change an amount."),
    "minus": ("− 빼기", "− Less"),
    "plus": ("+ 더하기", "+ More"),
    "done": ("다 했어요", "Done"),
    "unknown": (
        "등록되지 않은 상품입니다. 도움 요청을 눌러 주세요.",
        "This item is not in the shop's list. Touch Get help.",
    ),
    "added": ("{name}을(를) 담았습니다.", "Added {name}."),
    "adult_title": ("성인 인증", "Adult check"),
    "adult_say": (
        "주류나 담배가 있습니다. 지금 시간에는 성인 출입증 QR을 스캐너에 대 주세요.",
        "You have alcohol or tobacco. At this hour, hold your adult pass QR code to the scanner.",
    ),
    "remove_restricted": ("주류·담배 빼기", "Remove alcohol and tobacco"),
    "method_title": ("결제 방법", "How to pay"),
    "method_say": ("결제 방법을 골라 주세요.", "Choose how you will pay."),
    "terminal_title": ("단말기에서 결제", "Pay on the terminal"),
    "terminal_say": (
        "옆의 결제 단말기에서 {total}원을 {method}(으)로 결제해 주세요. 다 되면 결제했어요를 눌러 주세요.",
        "Pay {total} won by {method} on the terminal beside you. Then touch I have paid.",
    ),
    "paid": ("결제했어요", "I have paid"),
    "receipt_title": ("영수증", "Receipt"),
    "receipt_say": ("영수증이 필요하세요?", "Would you like a receipt?"),
    "receipt_yes": ("네, 주세요", "Yes, please"),
    "receipt_no": ("아니요", "No, thanks"),
    "thanks_title": ("감사합니다", "Thank you"),
    "thanks_say": ("결제가 끝났습니다. 안녕히 가세요.", "All done. Goodbye."),
    "receipt_printed": ("영수증이 나왔습니다. 챙겨 가세요.", "Your receipt is printed. Please take it."),
    "receipt_printing": ("영수증을 출력하고 있습니다.", "Printing your receipt."),
    "receipt_failed": (
        "영수증을 출력하지 못했습니다. 판매번호 {sale}번을 점주에게 알려 주세요.",
        "The receipt could not be printed. Tell the owner sale number {sale}.",
    ),
    "receipt_screen": (
        "영수증 판매번호 {sale}번, 합계 {total}원, {method}.",
        "Receipt: sale {sale}, {total} won, {method}.",
    ),
    "warn_title": ("⚠ 시간이 더 필요하세요?", "⚠ Need more time?"),
    "warn_say": (
        "{seconds}초 뒤에 처음 화면으로 돌아갑니다. 담은 상품은 지워집니다. "
        "계속하려면 시간 연장을 눌러 주세요.",
        "In {seconds} seconds the kiosk starts over and your items are cleared. Touch More time to continue.",
    ),
    "warn_say_short": (
        "{seconds}초 뒤에 처음 화면으로 돌아갑니다. 계속하려면 시간 연장을 눌러 주세요.",
        "In {seconds} seconds the kiosk starts over. Touch More time to continue.",
    ),
    "extend": ("시간 연장", "More time"),
    "help_title": ("점주에게 알렸습니다", "The owner has been told"),
    "help_say": (
        "도움 요청을 보냈습니다. 잠시만 기다려 주세요.",
        "Your call for help was sent. Please wait a moment.",
    ),
    "help_call": ("급하면 전화해 주세요: {phone}", "If urgent, call {phone}"),
    "help_failed": (
        "도움 요청을 보내지 못했습니다. 매장 안내문의 연락처로 전화해 주세요.",
        "The call for help could not be sent. Please phone the number on the shop's notice.",
    ),
    "back": ("돌아가기", "Go back"),
    "tools_title": ("글자·소리·언어", "Text, sound, language"),
    "tools_say": (
        "글자 크기, 소리, 언어를 바꿀 수 있습니다.",
        "Change the text size, the sound or the language.",
    ),
    "louder": ("소리 크게", "Louder"),
    "quieter": ("소리 작게", "Quieter"),
    "slower": ("천천히 말하기", "Speak slower"),
    "faster": ("빨리 말하기", "Speak faster"),
    "sound_state": ("소리 {volume}%, 빠르기 {rate}", "Volume {volume}%, speed {rate}"),
    "no_voice": (
        "이 컴퓨터에는 한국어 음성이 없어 화면 글로만 안내합니다.",
        "No voice on this computer: instructions are on screen only.",
    ),
    "owner_title": ("점주 PIN", "Owner PIN"),
    "owner_say": (
        "키오스크를 닫으려면 점주 PIN 6자리를 누르세요.",
        "Enter the owner's 6-digit PIN to close the kiosk.",
    ),
    "owner_ok": ("확인", "OK"),
    "owner_clear": ("지우기", "Clear"),
    "owner_wrong": ("PIN이 맞지 않습니다.", "Wrong PIN."),
}

RATE_WORDS = {-1: ("아주 느리게", "very slow"), 0: ("보통", "normal"), 1: ("빠르게", "fast")}


def text(key: str, language: str, **values: object) -> str:
    ko, en = TEXTS[key]
    chosen = en if language == "en" else ko
    return chosen.format(**values) if values else chosen


def won(amount: int) -> str:
    return f"{amount:,}"
